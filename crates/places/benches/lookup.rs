//! Looking a birthplace and a country up, as each identity shown does (the first lookup also
//! parses the embedded lists and the history: measured apart).
#![allow(clippy::print_stdout)] // A bench binary prints its figures.
use criterion::{Criterion, criterion_group, criterion_main};

fn lookups(c: &mut Criterion) {
    let born = places::BirthDate::parse("1985-03-02");
    let started = std::time::Instant::now();
    let _ = places::describe_birthplace("01033", born.as_ref(), false, places::Language::French);
    let _ = places::country("99109");
    println!(
        "first lookups (parse the lists and the history): {:?}",
        started.elapsed()
    );
    c.bench_function("describe_birthplace_delegated", |b| {
        b.iter(|| places::describe_birthplace("74011", None, false, places::Language::French))
    });
    c.bench_function("describe_birthplace_renamed_at_birth_date", |b| {
        b.iter(|| {
            places::describe_birthplace("01033", born.as_ref(), false, places::Language::French)
        })
    });
    c.bench_function("describe_country", |b| {
        b.iter(|| places::describe_country("99109", places::Language::French))
    });
}

criterion_group!(benches, lookups);
criterion_main!(benches);
