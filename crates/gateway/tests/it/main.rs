//! The gateway over real HTTP on loopback: a real sandbox FC+ behind it, a scripted browser
//! clicking through FC+'s pages, and, for replicas and logs, real `guichet-gateway` processes
//! and a real `redis-server`.

mod browser;
mod check_config;
mod flows;
mod logs;
mod processes;
mod refusals;
mod replicas;
mod support;
mod tls;
