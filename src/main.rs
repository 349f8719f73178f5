fn main() {
    pipeline_studio::ui::start()
}
