//! Credentials the user asked to remember on this device (localStorage).
//! Nothing is written unless "Remember on this device" is ticked; "Forget"
//! removes it. Never part of autosave, exports, logs or the URL.

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const KEY: &str = "pipeline-studio.push-credentials";

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Remembered {
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
}

pub fn load() -> Option<Remembered> {
    LocalStorage::get(KEY).ok()
}

pub fn save(r: &Remembered) {
    let _ = LocalStorage::set(KEY, r);
}

pub fn forget() {
    LocalStorage::delete(KEY);
}
