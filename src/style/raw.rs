//! The style sheet as written (serde), its checks, and where a key sits in the file.

use serde::Deserialize;

use super::{
    Align, Cmyk, Furniture, GridSpec, HeadSpec, LayoutSpec, OutputSpec, PageSpec, RgbPhotos, Roles,
    Standards, Style, StyleError, TextRole, PT_PER_MM,
};
use crate::diag::Location;

/// The text roles a sheet must set, in the order of `[roles.*]` tables.
pub const ROLE_NAMES: &[&str] = &[
    "kicker",
    "headline",
    "deck",
    "byline",
    "dateline",
    "body",
    "subhead",
    "pull_quote",
    "attribution",
    "caption",
    "credit",
    "fact_box_title",
    "fact_box",
    "folio",
    "running_head",
    "jump",
    "slug",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    page: RawPage,
    grid: RawGrid,
    layout: RawLayout,
    rules: RawRules,
    tints: RawTints,
    roles: RawRoles,
    #[serde(default)]
    fonts: RawFonts,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    head: RawHead,
}

/// `[head]`: every key optional; a sheet without it sets its head in the
/// roles' single sizes.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHead {
    #[serde(default)]
    headline_sizes_pt: Option<Vec<f32>>,
    #[serde(default)]
    deck_sizes_pt: Option<Vec<f32>>,
    #[serde(default)]
    headline_max_lines: Option<u32>,
    #[serde(default)]
    deck_max_lines: Option<u32>,
    #[serde(default)]
    last_line_min: Option<f32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    #[serde(default)]
    standard: Option<OneOrMany>,
    #[serde(default)]
    rgb_photos: Option<String>,
    #[serde(default)]
    black_overprint: bool,
    #[serde(default)]
    rich_black: Option<[f32; 4]>,
    #[serde(default)]
    rich_black_min_pt: Option<f32>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    condition: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFonts {
    #[serde(default)]
    files: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    width_mm: f32,
    height_mm: f32,
    #[serde(default = "default_bleed")]
    bleed_mm: f32,
    #[serde(default = "default_slug")]
    slug_mm: f32,
    margin_top_mm: f32,
    margin_bottom_mm: f32,
    margin_left_mm: f32,
    margin_right_mm: f32,
}

fn default_bleed() -> f32 {
    3.0
}

fn default_slug() -> f32 {
    12.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrid {
    columns: u32,
    gutter_mm: f32,
    baseline_pt: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    lead_photo_columns: u32,
    #[serde(default = "default_side")]
    lead_photo_side: String,
    pull_quote_keep: f32,
    #[serde(default = "default_crop")]
    lead_photo_crop: f32,
    standoff_pt: f32,
    #[serde(default = "default_ppi")]
    min_ppi: f32,
    #[serde(default = "default_true")]
    cmyk_only: bool,
    #[serde(default)]
    hole: Option<String>,
    #[serde(default = "default_min_leg")]
    min_leg_lines: u32,
    #[serde(default = "default_min_jump")]
    min_jump_lines: u32,
}

fn default_min_leg() -> u32 {
    6
}

fn default_min_jump() -> u32 {
    8
}

fn default_side() -> String {
    "right".to_string()
}

fn default_crop() -> f32 {
    0.3
}

fn default_ppi() -> f32 {
    200.0
}

fn default_true() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    weight_pt: f32,
    colour: [f32; 4],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTints {
    fact_box: [f32; 4],
    placeholder: [f32; 4],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    kicker: RawRole,
    headline: RawRole,
    deck: RawRole,
    byline: RawRole,
    dateline: RawRole,
    body: RawRole,
    subhead: RawRole,
    pull_quote: RawRole,
    attribution: RawRole,
    caption: RawRole,
    credit: RawRole,
    fact_box_title: RawRole,
    fact_box: RawRole,
    folio: RawRole,
    running_head: RawRole,
    jump: RawRole,
    slug: RawRole,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    family: String,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    size_pt: f32,
    leading_pt: f32,
    #[serde(default = "default_colour")]
    colour: [f32; 4],
    #[serde(default = "default_align")]
    align: String,
    #[serde(default)]
    uppercase: bool,
    hyphenate: Option<bool>,
}

fn default_colour() -> [f32; 4] {
    [0.0, 0.0, 0.0, 100.0]
}

fn default_align() -> String {
    "left".to_string()
}

/// A failed check: the dotted key and what was wrong.
struct Bad {
    key: String,
    message: String,
}

fn bad(key: &str, message: impl Into<String>) -> Bad {
    Bad {
        key: key.to_string(),
        message: message.into(),
    }
}

pub(super) fn parse(text: &str, file: &str) -> Result<Style, StyleError> {
    let raw: RawStyle = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span();
            let location = span
                .as_ref()
                .map(|s| Location::of_offset(text.as_bytes(), s.start));
            let key = span.clone().and_then(|s| {
                key_at(text, s.start).or_else(|| {
                    // A duplicate key leaves no table to look it up in: the
                    // error's span is the key (or the `[table]`) itself.
                    let named = text.get(s)?.trim().trim_matches(['[', ']', '"', '\'']);
                    (!named.is_empty() && named.len() <= 200).then(|| named.to_string())
                })
            });
            return Err(StyleError {
                file: file.to_string(),
                location,
                key,
                message: e.message().trim().to_string(),
            });
        }
    };
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .trim_end_matches(".toml")
        .to_string();
    resolve(raw, stem).map_err(|b| StyleError {
        file: file.to_string(),
        location: span_of(text, &b.key).map(|start| Location::of_offset(text.as_bytes(), start)),
        key: Some(b.key),
        message: b.message,
    })
}

fn resolve(raw: RawStyle, stem: String) -> Result<Style, Bad> {
    let _ = raw.description;
    let p = &raw.page;
    // From a business card to past A0: a page beyond would write sizes no
    // press takes (and `inf` into the PDF).
    within("page.width_mm", p.width_mm, MIN_PAGE_MM, MAX_PAGE_MM)?;
    within("page.height_mm", p.height_mm, MIN_PAGE_MM, MAX_PAGE_MM)?;
    within("page.bleed_mm", p.bleed_mm, 0.0, 20.0)?;
    within("page.slug_mm", p.slug_mm, 5.0, 50.0)?;
    for (key, v) in [
        ("page.margin_top_mm", p.margin_top_mm),
        ("page.margin_bottom_mm", p.margin_bottom_mm),
        ("page.margin_left_mm", p.margin_left_mm),
        ("page.margin_right_mm", p.margin_right_mm),
    ] {
        within(key, v, 5.0, p.width_mm.min(p.height_mm) / 4.0)?;
    }
    let page = PageSpec {
        width: p.width_mm * PT_PER_MM,
        height: p.height_mm * PT_PER_MM,
        bleed: p.bleed_mm * PT_PER_MM,
        slug: p.slug_mm * PT_PER_MM,
        margin_top: p.margin_top_mm * PT_PER_MM,
        margin_bottom: p.margin_bottom_mm * PT_PER_MM,
        margin_left: p.margin_left_mm * PT_PER_MM,
        margin_right: p.margin_right_mm * PT_PER_MM,
    };
    let g = &raw.grid;
    if !(1..=12).contains(&g.columns) {
        return Err(bad(
            "grid.columns",
            format!("must be from 1 to 12, not {}", g.columns),
        ));
    }
    within("grid.gutter_mm", g.gutter_mm, 1.0, 20.0)?;
    within("grid.baseline_pt", g.baseline_pt, 6.0, 30.0)?;
    let grid = GridSpec {
        columns: g.columns,
        gutter: g.gutter_mm * PT_PER_MM,
        baseline: g.baseline_pt,
    };
    let content = page.width - page.margin_left - page.margin_right;
    let column = (content - grid.gutter * (g.columns as f32 - 1.0)) / g.columns as f32;
    if column < 72.0 {
        return Err(bad(
            "grid.columns",
            format!(
                "{} columns leave {:.1} mm each; a column needs at least 25.4 mm",
                g.columns,
                column / PT_PER_MM
            ),
        ));
    }
    let l = &raw.layout;
    if l.lead_photo_columns < 1 || l.lead_photo_columns > g.columns {
        return Err(bad(
            "layout.lead_photo_columns",
            format!("must be from 1 to grid.columns ({})", g.columns),
        ));
    }
    let lead_photo_right = match l.lead_photo_side.as_str() {
        "right" => true,
        "left" => false,
        other => {
            return Err(bad(
                "layout.lead_photo_side",
                format!("`{other}` is not one of left, right"),
            ))
        }
    };
    within("layout.pull_quote_keep", l.pull_quote_keep, 0.3, 0.9)?;
    within("layout.lead_photo_crop", l.lead_photo_crop, 0.0, 0.5)?;
    within("layout.standoff_pt", l.standoff_pt, 0.0, 36.0)?;
    within("layout.min_ppi", l.min_ppi, 36.0, 1200.0)?;
    let layout = LayoutSpec {
        lead_photo_columns: l.lead_photo_columns,
        lead_photo_right,
        pull_quote_keep: l.pull_quote_keep,
        lead_photo_crop: l.lead_photo_crop,
        standoff: l.standoff_pt,
        min_ppi: l.min_ppi,
        cmyk_only: l.cmyk_only,
        hole: None,
        min_leg_lines: l.min_leg_lines,
        min_jump_lines: l.min_jump_lines,
    };
    if !(1..=40).contains(&l.min_leg_lines) {
        return Err(bad(
            "layout.min_leg_lines",
            "must be from 1 to 40".to_string(),
        ));
    }
    if !(1..=40).contains(&l.min_jump_lines) {
        return Err(bad(
            "layout.min_jump_lines",
            "must be from 1 to 40".to_string(),
        ));
    }
    within("rules.weight_pt", raw.rules.weight_pt, 0.1, 6.0)?;
    let furniture = Furniture {
        rule_weight: raw.rules.weight_pt,
        rule_colour: cmyk("rules.colour", raw.rules.colour)?,
        fact_box_tint: cmyk("tints.fact_box", raw.tints.fact_box)?,
        placeholder_tint: cmyk("tints.placeholder", raw.tints.placeholder)?,
    };
    let r = raw.roles;
    let roles = Roles {
        kicker: role("kicker", r.kicker)?,
        headline: role("headline", r.headline)?,
        deck: role("deck", r.deck)?,
        byline: role("byline", r.byline)?,
        dateline: role("dateline", r.dateline)?,
        body: role("body", r.body)?,
        subhead: role("subhead", r.subhead)?,
        pull_quote: role("pull_quote", r.pull_quote)?,
        attribution: role("attribution", r.attribution)?,
        caption: role("caption", r.caption)?,
        credit: role("credit", r.credit)?,
        fact_box_title: role("fact_box_title", r.fact_box_title)?,
        fact_box: role("fact_box", r.fact_box)?,
        folio: role("folio", r.folio)?,
        running_head: role("running_head", r.running_head)?,
        jump: role("jump", r.jump)?,
        slug: role("slug", r.slug)?,
    };
    if (roles.body.leading - grid.baseline).abs() > 0.001 {
        return Err(bad(
            "roles.body.leading_pt",
            format!(
                "body leading is the baseline grid: must equal grid.baseline_pt ({})",
                grid.baseline
            ),
        ));
    }
    for (i, file) in raw.fonts.files.iter().enumerate() {
        if file.trim().is_empty() {
            return Err(bad(&format!("fonts.files.{i}"), "must name a font file"));
        }
    }
    let output = output(raw.output)?;
    let hole = raw.layout.hole.clone();
    let head = head(raw.head, &roles)?;
    let mut style = Style {
        name: raw.name.unwrap_or(stem),
        page,
        grid,
        layout,
        furniture,
        roles,
        head,
        font_files: raw.fonts.files,
        output,
    };
    if let Some(text) = hole {
        let hole: super::Hole = text.parse().map_err(|e: String| bad("layout.hole", e))?;
        hole.check(&style).map_err(|e| bad("layout.hole", e))?;
        style.layout.hole = Some(hole);
    }
    Ok(style)
}

fn output(o: RawOutput) -> Result<OutputSpec, Bad> {
    let names: Vec<String> = match o.standard {
        None => Vec::new(),
        Some(OneOrMany::One(name)) => vec![name],
        Some(OneOrMany::Many(names)) => names,
    };
    let standards = Standards::parse(names.iter().map(String::as_str))
        .map_err(|m| bad("output.standard", m))?;
    let rgb_photos = match o.rgb_photos.as_deref() {
        None | Some("icc") => RgbPhotos::Icc,
        Some("convert") => RgbPhotos::Convert,
        Some("refuse") => RgbPhotos::Refuse,
        Some(other) => {
            return Err(bad(
                "output.rgb_photos",
                format!("`{other}` is not one of icc, convert, refuse"),
            ))
        }
    };
    let rich_black = match (o.rich_black, o.rich_black_min_pt) {
        (None, None) => None,
        (Some(colour), min) => {
            let min = min.unwrap_or(24.0);
            within("output.rich_black_min_pt", min, 12.0, 200.0)?;
            Some((cmyk("output.rich_black", colour)?, min))
        }
        (None, Some(_)) => {
            return Err(bad(
                "output.rich_black_min_pt",
                "needs output.rich_black (the colour large black type takes)",
            ))
        }
    };
    let profile_file = match o.profile {
        Some(file) if file.trim().is_empty() => {
            return Err(bad("output.profile", "must name an ICC profile file"))
        }
        file => file,
    };
    let condition = match o.condition {
        Some(c) if c.trim().is_empty() || c.chars().any(char::is_control) => {
            return Err(bad(
                "output.condition",
                "must name the printing condition (e.g. \"IFRA26\"), on one line",
            ))
        }
        Some(_) if profile_file.is_none() => {
            return Err(bad(
                "output.condition",
                "names the condition of output.profile, which is not given",
            ))
        }
        c => c,
    };
    Ok(OutputSpec {
        standards,
        rgb_photos,
        black_overprint: o.black_overprint,
        rich_black,
        profile_file,
        condition,
        profile: None,
    })
}

/// The head's size steps (largest first, each leading in the proportion of
/// its role's) and limits; a role's own size is its only step when the sheet
/// gives none.
fn head(h: RawHead, roles: &Roles) -> Result<HeadSpec, Bad> {
    let steps = |key: &str, sizes: Option<Vec<f32>>, role: &TextRole| {
        let key = format!("head.{key}");
        let Some(mut sizes) = sizes else {
            return Ok(vec![(role.size, role.leading)]);
        };
        if sizes.is_empty() || sizes.len() > 8 {
            return Err(bad(&key, "must list from 1 to 8 sizes"));
        }
        for &s in &sizes {
            within(&key, s, 4.0, 200.0)?;
        }
        sizes.sort_by(|a, b| b.total_cmp(a));
        sizes.dedup();
        let ratio = role.leading / role.size;
        Ok(sizes
            .into_iter()
            .map(|s| (s, (s * ratio * 2.0).round() / 2.0))
            .collect())
    };
    let lines = |key: &str, v: Option<u32>| {
        let v = v.unwrap_or(3);
        if (1..=8).contains(&v) {
            Ok(v)
        } else {
            Err(bad(
                &format!("head.{key}"),
                format!("must be from 1 to 8, not {v}"),
            ))
        }
    };
    let last_line_min = h.last_line_min.unwrap_or(0.4);
    within("head.last_line_min", last_line_min, 0.0, 0.9)?;
    Ok(HeadSpec {
        headline_sizes: steps("headline_sizes_pt", h.headline_sizes_pt, &roles.headline)?,
        deck_sizes: steps("deck_sizes_pt", h.deck_sizes_pt, &roles.deck)?,
        headline_max_lines: lines("headline_max_lines", h.headline_max_lines)?,
        deck_max_lines: lines("deck_max_lines", h.deck_max_lines)?,
        last_line_min,
    })
}

fn role(name: &str, r: RawRole) -> Result<TextRole, Bad> {
    let key = |k: &str| format!("roles.{name}.{k}");
    if r.family.trim().is_empty() {
        return Err(bad(&key("family"), "must name a font family"));
    }
    within(&key("size_pt"), r.size_pt, 4.0, 200.0)?;
    within(
        &key("leading_pt"),
        r.leading_pt,
        r.size_pt * 0.8,
        r.size_pt * 3.0,
    )?;
    let align = match r.align.as_str() {
        "left" => Align::Left,
        "justify" => Align::Justify,
        "center" => Align::Center,
        "right" => Align::Right,
        other => {
            return Err(bad(
                &key("align"),
                format!("`{other}` is not one of left, justify, center, right"),
            ))
        }
    };
    Ok(TextRole {
        family: r.family,
        bold: r.bold,
        italic: r.italic,
        size: r.size_pt,
        leading: r.leading_pt,
        colour: cmyk(&key("colour"), r.colour)?,
        align,
        uppercase: r.uppercase,
        hyphenate: r
            .hyphenate
            .unwrap_or(matches!(name, "body" | "caption" | "fact_box")),
    })
}

fn cmyk(key: &str, v: [f32; 4]) -> Result<Cmyk, Bad> {
    for x in v {
        if !(0.0..=100.0).contains(&x) {
            return Err(bad(
                key,
                format!("CMYK percentages must be from 0 to 100, not {x}"),
            ));
        }
    }
    if v.iter().sum::<f32>() > 300.0 {
        return Err(bad(key, "total ink over 300 % is more than a press takes"));
    }
    Ok(Cmyk {
        c: v[0] / 100.0,
        m: v[1] / 100.0,
        y: v[2] / 100.0,
        k: v[3] / 100.0,
    })
}

/// The smallest and largest page side a style may give, in millimetres.
const MIN_PAGE_MM: f32 = 50.0;
const MAX_PAGE_MM: f32 = 1500.0;

fn within(key: &str, v: f32, lo: f32, hi: f32) -> Result<(), Bad> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(bad(key, format!("must be from {lo} to {hi}, not {v}")))
    }
}

/// Where the value of a dotted key starts in the file.
fn span_of(text: &str, key: &str) -> Option<usize> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut current = table.get_ref();
    let parts: Vec<&str> = key.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (k, v) = current
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == *part)?;
        if i + 1 == parts.len() {
            let _ = k;
            return Some(v.span().start);
        }
        match v.get_ref() {
            toml::de::DeValue::Table(t) => current = t,
            _ => return None,
        }
    }
    None
}

/// The dotted key whose key or value holds a byte offset (the deepest one).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    if find_key(table.get_ref(), offset, &mut path) {
        Some(path.join("."))
    } else {
        None
    }
}

// Tables opened by a `[header]` do not span their keys, so search them all.
fn find_key(table: &toml::de::DeTable<'_>, offset: usize, path: &mut Vec<String>) -> bool {
    for (k, v) in table.iter() {
        path.push(k.get_ref().to_string());
        if let toml::de::DeValue::Table(t) = v.get_ref() {
            if find_key(t, offset, path) {
                return true;
            }
        }
        let (ks, vs) = (k.span(), v.span());
        if (ks.start <= offset && offset < ks.end) || (vs.start <= offset && offset < vs.end) {
            return true;
        }
        path.pop();
    }
    false
}
