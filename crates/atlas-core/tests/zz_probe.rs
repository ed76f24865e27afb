#[test]
fn probe() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    let bytes = std::fs::read(root.join("manifest.json")).unwrap();
    let (m, r) = atlas_core::validate::validate_manifest("manifest.json", &bytes);
    for i in &r.issues { println!("manifest {i}"); }
    let t = std::time::Instant::now();
    let reports = atlas_core::validate::check_data_set(&m.unwrap(), &|p| std::fs::read(root.join(p)).map_err(|e| e.to_string()));
    println!("{:?}", t.elapsed());
    for r in &reports { for i in &r.issues { println!("{} {i} @{:?}", r.file, i.line); } }
}
