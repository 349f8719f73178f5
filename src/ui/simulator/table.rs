//! The instance table: a page of instances at a time as QueryObjects +
//! DescribeObjects answer (`paging`), filtered by status, component and
//! scheduled-start range through the service's selectors, with previous /
//! next page; a row click (or Enter) selects the instance in every view.

use leptos::prelude::*;

use super::views::SimCtx;
use super::{status_class, LEGEND};
use studio::simulator::filters::{instance_of, Filter};
use studio::simulator::paging::{Page, PAGE_ROWS};

#[component]
pub fn InstanceTable() -> impl IntoView {
    let ctx = expect_context::<SimCtx>();
    let filter = RwSignal::new(Filter::default());
    // The marker of each page up to the one shown (None: the first page).
    let markers: RwSignal<Vec<Option<String>>> = RwSignal::new(vec![None]);
    let components = Memo::new(move |_| {
        ctx.latest
            .with(|l| l.iter().map(|l| l.component_id.clone()).collect::<Vec<_>>())
    });
    let page = Memo::new(move |_| {
        ctx.ready.get();
        let f = filter.get();
        let marker = markers.with(|m| m.last().cloned().flatten());
        let mut out = (Page::default(), 0usize);
        ctx.session.update_value(|s| {
            if let Some(s) = s {
                out = (
                    s.instance_page(&f, marker.as_deref(), PAGE_ROWS),
                    s.service.instance_count(&s.pipeline_id),
                );
            }
        });
        out
    });
    let first_row = move || (markers.with(Vec::len) - 1) * PAGE_ROWS;
    let count_text = move || {
        let (p, total) = page.get();
        let (a, n) = (first_row(), p.rows.len());
        let filtered = filter.with(|f| *f != Filter::default());
        match (n, filtered) {
            (0, false) => format!("{total} instances"),
            (0, true) => "no matching instances".to_string(),
            (_, false) => format!("showing {}–{} of {total}", a + 1, a + n),
            (_, true) => format!(
                "showing {}–{} matching{}",
                a + 1,
                a + n,
                if p.next.is_some() { ", more" } else { "" }
            ),
        }
    };
    let next = move |_| {
        if let Some(m) = page.with_untracked(|p| p.0.next.clone()) {
            markers.update(|v| v.push(Some(m)));
        }
    };
    let prev = move |_| {
        markers.update(|v| {
            if v.len() > 1 {
                v.pop();
            }
        })
    };
    let set = move |f: fn(&mut Filter, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            markers.set(vec![None]);
            filter.update(|x| f(x, v));
        }
    };
    let body = move || {
        let sel = ctx.selected.get();
        let sel_inst = sel.as_deref().map(instance_of).map(str::to_string);
        page.get()
            .0
            .rows
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
                    <input id="f-from" class="time" placeholder="YYYY-MM-DDThh:mm:ss" on:input=set(|f, v| f.from = v)
                        aria-invalid=move || Filter::invalid_bound(&filter.get().from).to_string() />
                </label>
                <label class="inline">"To"
                    <input id="f-to" class="time" placeholder="YYYY-MM-DDThh:mm:ss" on:input=set(|f, v| f.to = v)
                        aria-invalid=move || Filter::invalid_bound(&filter.get().to).to_string() />
                </label>
                <span class="muted" id="f-count" aria-live="polite">{count_text}</span>
                <span class="pager" role="group" aria-label="Instance pages">
                    <button id="inst-prev" class="btn small" aria-label="Previous page of instances"
                        disabled=move || markers.with(Vec::len) < 2 on:click=prev>"◀ Previous"</button>
                    <button id="inst-next" class="btn small" aria-label="Next page of instances"
                        disabled=move || page.with(|p| p.0.next.is_none()) on:click=next>"Next ▶"</button>
                </span>
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
