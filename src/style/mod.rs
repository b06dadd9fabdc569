//! Style sheets: TOML files read with serde, checked, and resolved into points.
//!
//! A sheet sets the page (trim size, bleed, margins), the grid (columns,
//! gutter, baseline), one text role per kind of text (face, size, leading,
//! CMYK colour), rules and tints. Lengths of the page are written in
//! millimetres (`_mm`), type in points (`_pt`); colours are CMYK percentages.
//! Every key is required unless noted; an unknown key or a bad value is an
//! error naming the file, the line and the key.

mod hole;
mod raw;

use std::fmt;

use crate::diag::Location;

pub use hole::{Depth, Hole};
pub use raw::ROLE_NAMES;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// The built-in style sheets, by name: (name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("tabloid", include_str!("../../styles/tabloid.toml")),
    ("berliner", include_str!("../../styles/berliner.toml")),
    ("broadsheet", include_str!("../../styles/broadsheet.toml")),
    ("letter", include_str!("../../styles/letter.toml")),
    ("a4", include_str!("../../styles/a4.toml")),
];

/// The style used when none is named.
pub const DEFAULT_STYLE: &str = "tabloid";

/// A colour as cyan, magenta, yellow and black, each from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cmyk {
    /// Cyan.
    pub c: f32,
    /// Magenta.
    pub m: f32,
    /// Yellow.
    pub y: f32,
    /// Black.
    pub k: f32,
}

impl Cmyk {
    /// Solid black.
    pub const BLACK: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 1.0,
    };
    /// Registration colour: every separation at full strength, for marks only.
    pub const REGISTRATION: Cmyk = Cmyk {
        c: 1.0,
        m: 1.0,
        y: 1.0,
        k: 1.0,
    };
    /// Paper white.
    pub const WHITE: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 0.0,
    };
}

/// How a role's lines sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Justified: both edges flush; the last line flush left.
    Justify,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// The face, size and colour of one kind of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRole {
    /// The font family, e.g. `Charis SIL`.
    pub family: String,
    /// Whether the bold face is used.
    pub bold: bool,
    /// Whether the italic face is used.
    pub italic: bool,
    /// The font size in points.
    pub size: f32,
    /// The distance between baselines in points.
    pub leading: f32,
    /// The ink colour.
    pub colour: Cmyk,
    /// How lines sit in their measure.
    pub align: Align,
    /// Whether the text is set in capitals.
    pub uppercase: bool,
    /// Whether words may be hyphenated (running text: body, captions, fact
    /// boxes); display type keeps its words whole.
    pub hyphenate: bool,
}

/// Every text role a page uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Roles {
    /// The label over the headline.
    pub kicker: TextRole,
    /// The headline, across the columns.
    pub headline: TextRole,
    /// Decks under the headline.
    pub deck: TextRole,
    /// The byline and agency.
    pub byline: TextRole,
    /// The dateline run into the first paragraph.
    pub dateline: TextRole,
    /// Body text; its leading is the baseline grid.
    pub body: TextRole,
    /// Subheads in the body.
    pub subhead: TextRole,
    /// Pull quote text.
    pub pull_quote: TextRole,
    /// Who said a pull quote.
    pub attribution: TextRole,
    /// Photo captions.
    pub caption: TextRole,
    /// Photo credits.
    pub credit: TextRole,
    /// Fact box titles.
    pub fact_box_title: TextRole,
    /// Fact box text.
    pub fact_box: TextRole,
    /// The page number line at the foot.
    pub folio: TextRole,
    /// The running head over the columns.
    pub running_head: TextRole,
    /// Jump lines ("Continued on page 2").
    pub jump: TextRole,
    /// The slug line outside the bleed.
    pub slug: TextRole,
}

/// The page and its boxes, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSpec {
    /// Trim width.
    pub width: f32,
    /// Trim height.
    pub height: f32,
    /// Bleed beyond the trim on every side.
    pub bleed: f32,
    /// Room beyond the bleed for crop and registration marks and the slug.
    pub slug: f32,
    /// Margin above the columns (the running head sits in it).
    pub margin_top: f32,
    /// Margin below the columns (the folio sits in it).
    pub margin_bottom: f32,
    /// Margin on the left.
    pub margin_left: f32,
    /// Margin on the right.
    pub margin_right: f32,
}

/// Columns and the baseline grid, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridSpec {
    /// How many columns.
    pub columns: u32,
    /// Space between columns.
    pub gutter: f32,
    /// Distance between body baselines; headings and sidebars take whole units.
    pub baseline: f32,
}

/// Choices of the page layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutSpec {
    /// How many columns the lead photo spans.
    pub lead_photo_columns: u32,
    /// Whether the lead photo sits over the rightmost columns (else the leftmost).
    pub lead_photo_right: bool,
    /// Share of a column's width the body keeps beside a pull quote (0.3–0.9).
    pub pull_quote_keep: f32,
    /// Share of the lead photo that cropping may cut away when its frame is
    /// made deeper or wider to fill a short story's page (0 keeps it as it is).
    pub lead_photo_crop: f32,
    /// Space between a placed object and the text running around it.
    pub standoff: f32,
    /// Effective resolution under which an image is reported.
    pub min_ppi: f32,
    /// Whether the press is CMYK, so RGB images are reported.
    pub cmyk_only: bool,
    /// The news hole a story is fitted into (`None`: the whole type area).
    pub hole: Option<Hole>,
    /// Fewest body lines a leg of a short story's module may hold.
    pub min_leg_lines: u32,
    /// Fewest body lines a continuation page may carry.
    pub min_jump_lines: u32,
}

/// Rules (lines) and tints (flat fills).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Furniture {
    /// Weight of rules, in points.
    pub rule_weight: f32,
    /// Colour of rules.
    pub rule_colour: Cmyk,
    /// Fill of fact boxes.
    pub fact_box_tint: Cmyk,
    /// Fill of a missing image's placeholder.
    pub placeholder_tint: Cmyk,
}

/// The display type of the head: the size steps headline and decks are
/// chosen from (largest first), and what a well-made head keeps to.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadSpec {
    /// The headline's steps: (size, leading) in points, largest first.
    pub headline_sizes: Vec<(f32, f32)>,
    /// The decks' steps, largest first.
    pub deck_sizes: Vec<(f32, f32)>,
    /// Most lines a headline may take.
    pub headline_max_lines: u32,
    /// Most lines a deck may take.
    pub deck_max_lines: u32,
    /// Share of the measure a head's last line holds at least (0–0.9).
    pub last_line_min: f32,
}

/// A resolved, checked style sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// The style's name (the built-in name, or the file's stem).
    pub name: String,
    /// Page size and boxes.
    pub page: PageSpec,
    /// Columns and the baseline grid.
    pub grid: GridSpec,
    /// Layout choices.
    pub layout: LayoutSpec,
    /// Rules and tints.
    pub furniture: Furniture,
    /// Text roles.
    pub roles: Roles,
    /// Size steps and limits of the head's display type (`[head]`).
    pub head: HeadSpec,
    /// Font files (TrueType or OpenType) to load beside the built-in faces,
    /// as the sheet names them: relative paths are from the sheet's folder.
    pub font_files: Vec<String>,
    /// What the PDF promises the press and readers (`[output]`).
    pub output: OutputSpec,
}

/// The standards a proof may be made to: PDF/X-4 (press), PDF/A-2b
/// (archive), PDF/UA-1 (accessible). X-4 and A-2b each combine with UA-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standards {
    /// PDF/X-4 (ISO 15930-7).
    pub x4: bool,
    /// PDF/A-2b (ISO 19005-2, level B).
    pub a2b: bool,
    /// PDF/UA-1 (ISO 14289-1).
    pub ua1: bool,
}

impl Standards {
    /// The names accepted, as written on the command line and in styles.
    pub const NAMES: &'static [&'static str] = &["pdf/x-4", "pdf/a-2b", "pdf/ua-1"];

    /// Adds one standard by name (`pdf/x-4`, `pdf/a-2b`, `pdf/ua-1`, any case);
    /// an error message for an unknown name or a combination not allowed.
    pub fn add(&mut self, name: &str) -> Result<(), String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "pdf/x-4" | "x-4" | "pdfx-4" => self.x4 = true,
            "pdf/a-2b" | "a-2b" | "pdfa-2b" => self.a2b = true,
            "pdf/ua-1" | "ua-1" | "pdfua-1" => self.ua1 = true,
            other => {
                return Err(format!(
                    "`{other}` is not a standard galley makes ({})",
                    Standards::NAMES.join(", ")
                ))
            }
        }
        if self.x4 && self.a2b {
            return Err(
                "pdf/x-4 and pdf/a-2b are not made together: choose one (each goes with pdf/ua-1)"
                    .into(),
            );
        }
        Ok(())
    }

    /// Standards from names, each checked as [`Standards::add`] does.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Standards, String> {
        let mut s = Standards::default();
        for name in names {
            s.add(name)?;
        }
        Ok(s)
    }

    /// Whether any standard is chosen.
    pub fn any(&self) -> bool {
        self.x4 || self.a2b || self.ua1
    }

    /// The names chosen, joined with `+` (empty when none).
    pub fn names(&self) -> String {
        let chosen = [self.x4, self.a2b, self.ua1];
        Standards::NAMES
            .iter()
            .zip(chosen)
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join("+")
    }
}

/// What becomes of an RGB photo in a proof made to a standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RgbPhotos {
    /// Kept RGB and tagged as sRGB (an ICC-based colour space, allowed in
    /// PDF/X-4 and PDF/A-2b); the press converts it.
    #[default]
    Icc,
    /// Converted to the output profile's CMYK when the proof is made.
    Convert,
    /// Refused: an RGB photo is an error.
    Refuse,
}

/// The `[output]` table: standards, colour handling, black.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutputSpec {
    /// The standards the PDF is made to (`--standard` adds to them).
    pub standards: Standards,
    /// What becomes of RGB photos when a standard is chosen.
    pub rgb_photos: RgbPhotos,
    /// Whether solid black (0/0/0/100) text and rules overprint.
    pub black_overprint: bool,
    /// Rich black for large type: solid black text at or above the size
    /// (points) is set in the colour instead.
    pub rich_black: Option<(Cmyk, f32)>,
    /// The desk's own CMYK output profile, as the sheet names it (relative
    /// to the sheet's folder); `None`: galley's built-in profile.
    pub profile_file: Option<String>,
    /// The printing condition `profile_file` characterises, as the output
    /// intent names it; `None`: the profile's own description.
    pub condition: Option<String>,
    /// The loaded profile (the command line reads `profile_file` into it;
    /// backends read no files).
    pub profile: Option<OutputProfile>,
}

/// A CMYK output profile for the output intents of proofs made to a
/// standard, with what its header and tags say.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputProfile {
    /// The ICC data.
    pub data: std::sync::Arc<Vec<u8>>,
    /// The printing condition, for `/OutputConditionIdentifier`.
    pub condition: String,
    /// The profile's description, for the intent's `/Info`.
    pub description: String,
}

/// Why a style sheet was refused: the file, the line, the key and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleError {
    /// The file (or built-in name) the sheet came from.
    pub file: String,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// The dotted key, e.g. `roles.body.size_pt`, when the error concerns one.
    pub key: Option<String>,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(location) = self.location {
            write!(f, ":{location}")?;
        }
        write!(f, ": error: ")?;
        if let Some(key) = &self.key {
            write!(f, "`{key}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for StyleError {}

impl Style {
    /// Reads a style sheet from TOML text; `file` names it in errors and
    /// its stem becomes the style's name.
    pub fn from_toml(text: &str, file: &str) -> Result<Style, StyleError> {
        raw::parse(text, file)
    }

    /// A built-in style by name (`tabloid`, `berliner`, `broadsheet`, `letter`, `a4`).
    pub fn builtin(name: &str) -> Option<Style> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        // Built-in sheets are checked by the tests; a broken one is a bug.
        Style::from_toml(text, &format!("{name}.toml")).ok()
    }

    /// The width of the area inside the margins.
    pub fn content_width(&self) -> f32 {
        self.page.width - self.page.margin_left - self.page.margin_right
    }

    /// The width of one column.
    pub fn column_width(&self) -> f32 {
        let n = self.grid.columns.max(1) as f32;
        (self.content_width() - self.grid.gutter * (n - 1.0)) / n
    }
}
