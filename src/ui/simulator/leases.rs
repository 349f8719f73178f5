//! Lease visibility: for each running attempt, the runner that holds its
//! task, when it last reported progress, and a countdown in virtual time to
//! the lease's expiry (before the first report: to the end of the
//! acknowledgement window). Read from `Service::leases`.

use leptos::prelude::*;

use super::views::SimCtx;
use crate::model::time::format_datetime;
use studio::simulator::filters::instance_of;
use studio::simulator::links::countdown;

#[component]
pub fn LeasePanel() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let leases = Memo::new(move |_| {
        ctx.ready.get();
        ctx.session.with_value(|s| {
            s.as_ref()
                .map(|s| (s.service.now(), s.service.leases(&s.pipeline_id)))
        })
    });
    let rows = move || {
        let sel = ctx.selected.get();
        let Some((now, list)) = leases.get() else {
            return Vec::new();
        };
        list.into_iter()
            .map(|l| {
                let selected = sel.as_deref().is_some_and(|s| s == l.attempt_id || s == instance_of(&l.attempt_id));
                let (left, words) = l.expires.map(|e| countdown(now, e)).unwrap_or((0, "—".into()));
                let urgent = if left < 30 { " urgent" } else { "" };
                let id = l.attempt_id.clone();
                let last = l.last_report.map(format_datetime).unwrap_or_else(|| "not yet acknowledged".into());
                view! {
                    <tr data-attempt=l.attempt_id.clone() class=if selected { "sel" } else { "" }>
                        <td>
                            <button class="link mono" aria-label=format!("Select {}", l.attempt_id) on:click=move |_| ctx.select(id.clone())>
                                {l.attempt_id.clone()}
                            </button>
                        </td>
                        <td class="holder">{l.holder.clone()}</td>
                        <td class="mono last-report">{last}</td>
                        <td class=format!("countdown{urgent}") data-seconds=left.to_string()>
                            {words}
                            {(!l.acknowledged).then(|| view! { <span class="muted">" (ack)"</span> })}
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="sim-leases panel-box" aria-labelledby="sim-leases-title">
            <h3 id="sim-leases-title">"Leases " <span class="muted">"(running attempts, virtual time)"</span></h3>
            <Show when=move || leases.with(|l| l.as_ref().is_some_and(|(_, v)| !v.is_empty()))
                fallback=|| view! { <p class="muted">"No task is held by a runner now."</p> }>
                <table id="sim-leases" class="grid">
                    <thead><tr><th>"Attempt"</th><th>"Held by"</th><th>"Last progress"</th><th>"Expires"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
        </section>
    }
}
