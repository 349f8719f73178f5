//! Paints the timeline's bars, lease strip, marks, selection and "now" line on a 2D
//! canvas: thousands of shapes per frame cost a few milliseconds, where
//! the same as SVG elements cost the browser a re-layout and re-paint of
//! every one each frame. Colours come from the stylesheet: the legend's
//! swatches carry the same classes as the shapes (`tl-ok`, `pin tl-lease`,
//! light and dark), read with `getComputedStyle` at each paint.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use studio::simulator::timeline_data::MarkKind;
use studio::simulator::timeline_svg::{bar_id, bar_selected, pin_vertices, Named, SPANS};
use studio::simulator::timeline_view::{Scene, BAR_H, BAR_TOP, STRIP_H, STRIP_TOP};

/// A fill colour and its opacity.
#[derive(Clone, Debug)]
struct Fill {
    color: String,
    alpha: f64,
}

/// The colours of every shape, from the stylesheet.
struct Palette {
    spans: Vec<(&'static str, Fill)>,
    marks: Vec<(&'static str, Fill)>,
    mark_stroke: String,
    selected: String,
    now: String,
    /// Text on a bar.
    label: String,
}

fn style_of(doc: &web_sys::Document, selector: &str) -> Option<web_sys::CssStyleDeclaration> {
    let el: Element = doc.query_selector(selector).ok()??;
    leptos::prelude::window().get_computed_style(&el).ok()?
}

fn fill_of(doc: &web_sys::Document, selector: &str) -> Fill {
    let style = style_of(doc, selector);
    let get = |p: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(p).ok())
            .filter(|v| !v.is_empty() && v != "none")
    };
    Fill {
        color: get("fill").unwrap_or_else(|| "gray".to_string()),
        alpha: get("opacity").and_then(|o| o.parse().ok()).unwrap_or(1.0),
    }
}

fn var_of(doc: &web_sys::Document, name: &str) -> String {
    doc.document_element()
        .and_then(|root| leptos::prelude::window().get_computed_style(&root).ok()?)
        .and_then(|s| s.get_property_value(name).ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "gray".to_string())
}

impl Palette {
    fn read() -> Palette {
        let doc = leptos::prelude::document();
        let marks = [
            (MarkKind::LeaseExpired, "tl-lease"),
            (MarkKind::Reassigned, "tl-reassign"),
            (MarkKind::TimedOut, "tl-timeout"),
        ];
        let stroke = style_of(&doc, ".tl-legend polygon.pin")
            .and_then(|s| s.get_property_value("stroke").ok())
            .filter(|v| !v.is_empty() && v != "none")
            .unwrap_or_else(|| var_of(&doc, "--panel"));
        Palette {
            spans: SPANS
                .iter()
                .map(|(c, _)| (*c, fill_of(&doc, &format!(".tl-legend rect.bar.{c}"))))
                .collect(),
            marks: marks
                .iter()
                .map(|(_, c)| (*c, fill_of(&doc, &format!(".tl-legend polygon.pin.{c}"))))
                .collect(),
            mark_stroke: stroke,
            selected: var_of(&doc, "--text"),
            label: var_of(&doc, "--panel"),
            now: var_of(&doc, "--accent"),
        }
    }
}

/// Bars wide enough to carry their attempt's number (and wider, its runner).
const LABEL_MIN_W: f64 = 26.0;
const HOLDER_MIN_W: f64 = 96.0;

/// Write "#2" (and the runner that held it, where there is room) on each
/// attempt's running bar: the lane reads without the tooltip.
fn label_attempts(ctx: &CanvasRenderingContext2d, s: &Scene, bar_h: f64, color: &str, n: &Named) {
    ctx.set_font("600 10.5px system-ui, sans-serif");
    ctx.set_fill_style_str(color);
    for b in &s.bars {
        let labelled = matches!(b.class, "tl-run" | "tl-ok" | "tl-fail" | "tl-cancel");
        let (Some(a), true, true) = (b.attempt, b.count == 1 && labelled, b.w >= LABEL_MIN_W)
        else {
            continue;
        };
        let id = (n.name)(crate::engine::Subject::Attempt(
            crate::engine::ix::AttemptIx(a),
        ));
        let Some((_, number)) = id.rsplit_once("_Attempt=") else {
            continue;
        };
        let text = match &b.holder {
            Some(h) if b.w >= HOLDER_MIN_W => format!("#{number} {h}"),
            _ => format!("#{number}"),
        };
        let _ =
            ctx.fill_text_with_max_width(&text, b.x + 4.0, b.y + BAR_TOP + bar_h - 4.0, b.w - 6.0);
    }
}

/// Size the canvas to `width` x `height` CSS pixels (times the device
/// pixel ratio) and return its context, scaled to CSS pixels and cleared.
fn prepare(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
) -> Option<CanvasRenderingContext2d> {
    let dpr = leptos::prelude::window().device_pixel_ratio().max(1.0);
    let (pw, ph) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
        // The CSS size through the CSSOM (a style attribute would break the CSP).
        let style = canvas.style();
        let _ = style.set_property("width", &format!("{width}px"));
        let _ = style.set_property("height", &format!("{height}px"));
    }
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, width, height);
    Some(ctx)
}

/// Paint `s` (view pixels) on `canvas`, `width` x `height` CSS pixels,
/// with the "now" line at `now_x` and the selection `n.selected` outlined.
pub fn paint(
    canvas: &HtmlCanvasElement,
    s: &Scene,
    width: f64,
    height: f64,
    now_x: f64,
    n: &Named,
) {
    let Some(ctx) = prepare(canvas, width, height) else {
        return;
    };
    let pal = Palette::read();
    let bar_h = BAR_H;
    // One pass per colour: few state changes for thousands of bars.
    for (class, fill) in &pal.spans {
        ctx.set_fill_style_str(&fill.color);
        ctx.set_global_alpha(fill.alpha);
        for b in s.bars.iter().filter(|b| b.class == *class) {
            ctx.fill_rect(b.x, b.y + BAR_TOP, b.w, bar_h);
        }
        // The lease strip under the bars (at least 2 px: a window of a
        // few seconds stays visible).
        for b in s.strips.iter().filter(|b| b.class == *class) {
            ctx.fill_rect(b.x, b.y + STRIP_TOP, b.w.max(2.0), STRIP_H);
        }
    }
    ctx.set_global_alpha(1.0);
    label_attempts(&ctx, s, bar_h, &pal.label, n);
    if n.selected.is_some() {
        ctx.set_stroke_style_str(&pal.selected);
        ctx.set_line_width(2.0);
        for b in &s.bars {
            // Only single bars can be selected: their ids are cheap to name.
            if b.count == 1 && bar_selected(b, bar_id(b, n.name).as_deref(), n.selected) {
                ctx.stroke_rect(b.x, b.y + BAR_TOP, b.w, bar_h);
            }
        }
    }
    ctx.set_stroke_style_str(&pal.mark_stroke);
    ctx.set_line_width(1.0);
    for p in &s.pins {
        let Some((_, fill)) = pal.marks.iter().find(|m| m.0 == p.class) else {
            continue;
        };
        ctx.set_fill_style_str(&fill.color);
        ctx.set_global_alpha(fill.alpha);
        ctx.begin_path();
        for (k, (x, y)) in pin_vertices(p.kind, p.x, p.y).into_iter().enumerate() {
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.close_path();
        ctx.fill();
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
    if (0.0..=width).contains(&now_x) {
        let dash = js_sys::Array::of2(&JsValue::from(3.0), &JsValue::from(3.0));
        let _ = ctx.set_line_dash(&dash);
        ctx.set_stroke_style_str(&pal.now);
        ctx.set_line_width(1.5);
        ctx.begin_path();
        ctx.move_to(now_x, 0.0);
        ctx.line_to(now_x, height);
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
}
