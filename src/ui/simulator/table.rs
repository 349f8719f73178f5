//! The instance table: every instance as QueryObjects + DescribeObjects
//! answer, filtered by status, component and scheduled-start range; a row
//! click (or Enter) selects the instance in every view.

use leptos::prelude::*;

use super::filters::{instance_of, Filter};
use super::views::SimCtx;
use super::{status_class, LEGEND};

/// Rows drawn at most (narrow the filters for more).
const MAX_ROWS: usize = 300;

#[component]
pub fn InstanceTable() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let filter = RwSignal::new(Filter::default());
    let components = Memo::new(move |_| {
        ctx.rows.with(|rows| {
            let mut c: Vec<String> = Vec::new();
            for r in rows {
                if !c.contains(&r.component) {
                    c.push(r.component.clone());
                }
            }
            c
        })
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        ctx.rows.with(|rows| {
            let all: Vec<_> = rows.iter().filter(|r| f.matches(r)).cloned().collect();
            let total = all.len();
            (all.into_iter().take(MAX_ROWS).collect::<Vec<_>>(), total)
        })
    });
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            filter.update(|x| f(x, v));
        }
    };
    let body = move || {
        let sel = ctx.selected.get();
        let sel_inst = sel.as_deref().map(instance_of).map(str::to_string);
        shown
            .get()
            .0
            .into_iter()
            .map(|r| {
                let selected = sel_inst.as_deref() == Some(r.id.as_str());
                let (a, b, c) = (r.id.clone(), r.id.clone(), r.id.clone());
                view! {
                    <tr data-id=r.id.clone() data-status=r.status.clone() data-component=r.component.clone()
                        class=if selected { "sel" } else { "" } aria-selected=selected.to_string()
                        tabindex="0"
                        on:click=move |_| ctx.select(a.clone())
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" || ev.key() == " " {
                                ev.prevent_default();
                                ctx.select(b.clone());
                            }
                        }>
                        <td class="mono">{r.id.clone()}</td>
                        <td>{r.component.clone()}</td>
                        <td class="mono">{r.scheduled_start.clone()}</td>
                        <td>{r.attempts.clone()}</td>
                        <td><span class=format!("badge {}", status_class(&r.status))>{r.status.clone()}</span></td>
                        <td><button class="btn small" aria-label=format!("Why is {} {}?", r.id, r.status)
                            on:click=move |ev| {
                                ev.stop_propagation();
                                ctx.select(c.clone());
                                super::why::focus_why();
                            }>"Why?"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="sim-instances panel-box" aria-labelledby="sim-instances-title">
            <h3 id="sim-instances-title">"Instances"</h3>
            <div class="filters" role="group" aria-label="Filter instances">
                <label class="inline">"Status"
                    <select id="f-status" on:change=set(|f, v| f.status = v)>
                        <option value="">"any"</option>
                        {LEGEND.iter().map(|(s, _)| view! { <option value=*s>{*s}</option> }).collect_view()}
                        <option value="TIMEDOUT">"TIMEDOUT"</option>
                        <option value="PAUSED">"PAUSED"</option>
                        <option value="MARK_FINISHED">"MARK_FINISHED"</option>
                    </select>
                </label>
                <label class="inline">"Component"
                    <select id="f-component" on:change=set(|f, v| f.component = v)>
                        <option value="">"any"</option>
                        {move || components.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline">"From"
                    <input id="f-from" class="time" placeholder="2012-12-12T00:00:00" on:input=set(|f, v| f.from = v)
                        aria-invalid=move || Filter::invalid_bound(&filter.get().from).to_string() />
                </label>
                <label class="inline">"To"
                    <input id="f-to" class="time" placeholder="2012-12-13T00:00:00" on:input=set(|f, v| f.to = v)
                        aria-invalid=move || Filter::invalid_bound(&filter.get().to).to_string() />
                </label>
                <span class="muted" id="f-count">{move || {
                    let (rows, total) = shown.get();
                    if rows.len() < total { format!("{} of {total} shown", rows.len()) } else { format!("{total} instances") }
                }}</span>
            </div>
            <div class="table-scroll">
                <table id="sim-instances" class="grid">
                    <thead><tr><th>"Instance"</th><th>"Component"</th><th>"Scheduled start"</th><th>"Attempts"</th><th>"Status"</th><th><span class="sr-only">"Explain"</span></th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
