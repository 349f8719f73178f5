//! The simulator's views and their one shared selection: the status graph,
//! the selection panel (actions and "Why?"), the timeline, the instance
//! table, the live leases and the API log. Selecting an object, instance,
//! attempt or call in any of them selects it in all.

use leptos::prelude::*;

use super::{
    actions::ActionBar,
    graph::StatusGraph,
    leases::LeasePanel,
    log::ApiLog,
    story::{StoryButton, StoryPanel},
    table::InstanceTable,
    timeline::TimelineView,
    whatif_view::WhatIfPanel,
    why::WhyPanel,
};
use crate::engine::LatestInstance;
use studio::simulator::filters::instance_of;
use studio::simulator::session::Session;

/// The selection key of the n-th call of the API log.
pub fn call_key(n: usize) -> String {
    format!("call:{n}")
}

/// The n of a call key.
pub fn call_of(key: &str) -> Option<usize> {
    key.strip_prefix("call:")?.parse().ok()
}

/// A story step picked: where it is in the trace, its time and the call
/// that caused it (a position in the call log).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepFocus {
    pub trace_index: usize,
    pub at: chrono::NaiveDateTime,
    pub call: Option<usize>,
}

/// What every view reads: the run, its version (`ready` once the timers
/// due now have run) and the selection.
#[derive(Clone, Copy)]
pub struct SimCtx {
    pub session: StoredValue<Option<Session>, LocalStorage>,
    pub version: RwSignal<u64>,
    /// Read with `get` (a memo only tracked is never computed).
    pub ready: Memo<u64>,
    /// An object id (component, instance, attempt) or a call key.
    pub selected: RwSignal<Option<String>>,
    /// The object or runner whose story is open.
    pub story_of: RwSignal<Option<String>>,
    /// The story step picked (its call is marked in the API log).
    pub step: RwSignal<Option<StepFocus>>,
    /// Each component's newest instance (`Service::latest_instances`), read
    /// once per change for the graph and the table.
    pub latest: Memo<Vec<LatestInstance>>,
}

impl SimCtx {
    pub fn bump(&self) {
        self.version.update(|v| *v += 1);
    }

    /// The component of an instance or attempt id (None: not one of the run's).
    fn component_of(&self, id: &str) -> Option<String> {
        self.ready.get();
        self.session.with_value(|s| {
            s.as_ref()
                .and_then(|s| s.service.component_of(&s.pipeline_id, id))
        })
    }

    /// The selected instance (also when one of its attempts is selected).
    pub fn selected_instance(&self) -> Option<String> {
        let sel = self.selected.get()?;
        let inst = instance_of(&sel).to_string();
        self.component_of(&inst).map(|_| inst)
    }

    /// The component of the selection (itself, or its instance's).
    pub fn selected_component(&self) -> Option<String> {
        let sel = self.selected.get()?;
        self.component_of(instance_of(&sel))
            .or_else(|| (!sel.starts_with('@') && call_of(&sel).is_none()).then(|| sel.clone()))
    }

    /// Select `id` and bring it into view where it is listed.
    pub fn select(&self, id: String) {
        self.step.set(None);
        self.selected.set(Some(id));
    }
}

/// Make the views' shared state (`SimCtx`) and provide it: the views, the
/// lesson player and the panels beside them read it.
pub fn provide_views(
    session: StoredValue<Option<Session>, LocalStorage>,
    version: RwSignal<u64>,
    ready: Memo<u64>,
) -> SimCtx {
    let latest = Memo::new(move |_| {
        ready.get();
        session.with_value(|s| {
            s.as_ref()
                .map(|s| s.service.latest_instances(&s.pipeline_id))
                .unwrap_or_default()
        })
    });
    let ctx = SimCtx {
        session,
        version,
        ready,
        selected: RwSignal::new(None),
        story_of: RwSignal::new(None),
        step: RwSignal::new(None),
        latest,
    };
    provide_context(ctx);
    // Activate and Reset clear the selection (and so "Why?" and the story).
    let run = expect_context::<super::state::Sim>().run;
    Effect::new(move |prev: Option<u64>| {
        let r = run.get();
        if prev.is_some_and(|p| p != r) {
            ctx.selected.set(None);
            ctx.step.set(None);
            ctx.story_of.set(None);
        }
        r
    });
    ctx
}

/// Every view, mounted below the run controls.
#[component]
pub fn Views() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    view! {
        <div class="sim-views">
            <div class="sim-top">
                <StatusGraph />
                <section class="sim-selection panel-box" aria-labelledby="sim-selection-title">
                    <h3 id="sim-selection-title">"Selection"</h3>
                    <p id="sim-selected" class="sel-id" class:mono=move || ctx.selected.with(Option::is_some)>
                        {move || ctx.selected.get().unwrap_or_else(|| "Nothing selected: pick a component, instance, attempt or call".to_string())}
                    </p>
                    <ActionBar />
                    <StoryButton />
                    <WhyPanel />
                    <StoryPanel />
                </section>
            </div>
            <TimelineView />
            <WhatIfPanel />
            <div class="sim-bottom">
                <InstanceTable />
                <div class="sim-side">
                    <LeasePanel />
                    <ApiLog />
                </div>
            </div>
        </div>
    }
}
