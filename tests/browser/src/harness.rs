//! The built site served with one data folder, and a chromedriver: what each browser suite
//! starts before it opens a page.

use crate::browser::{Chromedriver, Session, Viewport};
use crate::fixtures::DataFolder;
use crate::server::{Site, StaticServer};
use crate::{dist_dir, sample_data_dir};

/// Fields drop in this order: the data folder (a temporary copy) outlives nothing that reads it
/// once the server and the driver are gone, and both stop on drop.
pub struct Harness {
    pub data: DataFolder,
    pub server: StaticServer,
    pub driver: Chromedriver,
}

impl Harness {
    pub fn with_data(data: DataFolder) -> Harness {
        let site = Site { dist: dist_dir(), data: data.dir.clone() };
        let server =
            StaticServer::start(site, 0).unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
        Harness { data, server, driver: Chromedriver::start() }
    }

    /// The bundled sample data, as the README's `./dev serve` shows it.
    pub fn sample() -> Harness {
        Harness::with_data(DataFolder::open(&sample_data_dir()))
    }

    pub async fn open(&self, viewport: Viewport) -> Session {
        Session::open(&self.driver, &self.server.origin(), viewport).await
    }
}
