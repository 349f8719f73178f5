//! The Simulator and Export areas, loaded by the app when first wanted
//! (see `ui::lazy`).
fn main() {
    pipeline_studio::ui::start_areas()
}
