//! Looking a birthplace and a country up, as each identity shown does (the first lookup also
//! parses the embedded lists: measured apart).
#![allow(clippy::print_stdout)] // A bench binary prints its figures.
use criterion::{Criterion, criterion_group, criterion_main};

fn lookups(c: &mut Criterion) {
    let started = std::time::Instant::now();
    let _ = places::commune("75107");
    println!("first lookup (parses the lists): {:?}", started.elapsed());
    c.bench_function("describe_birthplace_delegated", |b| {
        b.iter(|| places::describe_birthplace("74011", false, places::Language::French))
    });
    c.bench_function("describe_country", |b| {
        b.iter(|| places::describe_country("99109", places::Language::French))
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
