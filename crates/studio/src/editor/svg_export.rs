//! The graph as a standalone SVG file (plain Rust, tested natively): nodes,
//! labelled references and validation markers, with its own stylesheet so
//! it looks the same outside the app.

use std::collections::HashMap;
use std::fmt::Write;

use super::geometry::{bounds, edge_path, Positions, NODE_H, NODE_W};
use super::ops::type_of;
use crate::model::validate::Severity;
use crate::model::Definition;

const STYLE: &str =
    "text{font-family:system-ui,sans-serif}.box{fill:#fff;stroke:#b8c0cc;stroke-width:1.2}\
.err .box{stroke:#cf222e;stroke-width:2}.warn .box{stroke:#9a6700;stroke-width:2}\
.id{font-size:13px;font-weight:600;fill:#1d2330}.ty{font-size:11.5px;fill:#5b6576}\
.edge{fill:none;stroke:#8a94a6;stroke-width:1.4}.arrow{fill:#8a94a6}.key{font-size:10.5px;fill:#5b6576}";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG document of the drawing.
pub fn to_svg(
    def: &Definition,
    positions: &Positions,
    marks: &HashMap<String, Severity>,
) -> String {
    let b = bounds(positions.values()).unwrap_or(super::geometry::Rect {
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 100.0,
    });
    let (x, y, w, h) = (b.x - 60.0, b.y - 60.0, b.w + 120.0, b.h + 120.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="{x:.0} {y:.0} {w:.0} {h:.0}"><style>{STYLE}</style><rect x="{x:.0}" y="{y:.0}" width="{w:.0}" height="{h:.0}" fill="#f6f7f9"/>"##
    );
    for o in &def.objects {
        let Some(a) = positions.get(o.id.as_str()) else {
            continue;
        };
        for (key, to) in o.references() {
            let Some(bp) = positions.get(to.as_str()) else {
                continue;
            };
            let g = if super::layout::UPSTREAM_KEYS.contains(&key) {
                edge_path(*bp, *a)
            } else {
                edge_path(*a, *bp)
            };
            let _ = write!(
                s,
                r#"<path class="edge" d="{}"/><path class="arrow" d="{}"/><text class="key" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                g.d,
                g.arrow,
                g.label.x,
                g.label.y - 4.0,
                esc(key)
            );
        }
    }
    for o in &def.objects {
        let Some(p) = positions.get(o.id.as_str()) else {
            continue;
        };
        let cls = match marks.get(o.id.as_str()) {
            Some(Severity::Warning) => "warn",
            Some(_) => "err",
            None => "",
        };
        let _ = write!(
            s,
            r#"<g class="{cls}" transform="translate({:.1},{:.1})"><rect class="box" width="{NODE_W}" height="{NODE_H}" rx="8"/><text class="id" x="14" y="24">{}</text><text class="ty" x="14" y="42">{}</text></g>"#,
            p.x,
            p.y,
            esc(o.display_name()),
            esc(type_of(o))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;

    #[test]
    fn the_svg_has_every_node_and_reference_escaped() {
        let t = crate::templates::say_hello();
        let mut doc = Doc::new(t.name, t.definition);
        doc.definition.objects[2].name = Some("Say <hello> & \"bye\"".into());
        let marks = HashMap::from([("SayHello".to_string(), Severity::Error)]);
        let svg = to_svg(&doc.definition, &doc.positions, &marks);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<g class=").count(), 3);
        assert_eq!(svg.matches(r#"<path class="arrow""#).count(), 2);
        assert!(svg.contains(">schedule</text>") && svg.contains(">parent</text>"));
        assert!(svg.contains("Say &lt;hello&gt; &amp; &quot;bye&quot;"));
        assert!(svg.contains(r#"<g class="err""#));
        assert!(svg.ends_with("</svg>"));
    }
}
