//! Integration tests of the FC+ sandbox: real HTTP on 127.0.0.1, one binary of modules.

mod adversary;
mod authorize;
mod discovery;
mod faults;
mod flows;
mod logout;
mod logs;
mod startup;
mod support;
mod token;
