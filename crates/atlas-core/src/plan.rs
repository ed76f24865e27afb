//! Plan files: the targets of a county's education plan. (Being written in the plan-tracker issue.)

use serde::{Deserialize, Serialize};

pub const PLAN_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema_version: u32,
}
