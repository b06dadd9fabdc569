//! Photos: each image once as an XObject (JPEG bytes as given, other
//! samples deflated when prepared), drawn scaled and clipped to its frame.

use std::collections::BTreeMap;
use std::sync::Arc;

use printpdf::{
    CurTransMat, DictItem, ExternalStream, ExternalXObject, Op, PdfDocument, XObject, XObjectId,
    XObjectTransform,
};

use super::convert::Converter;
use super::round;
use crate::diag::Error;
use crate::pdf::images::{ColourSpace, PdfImage};

/// Adds every image to the document, named by its index; RGB photos are
/// converted to CMYK first when a converter is given.
pub fn add_all(
    doc: &mut PdfDocument,
    images: &[Arc<PdfImage>],
    convert: Option<&Converter>,
) -> Result<Vec<XObjectId>, Error> {
    let mut ids = Vec::new();
    for (i, img) in images.iter().enumerate() {
        let converted;
        let img = match convert {
            Some(c) if img.colour == ColourSpace::Rgb => {
                converted = c.image(img)?;
                &converted
            }
            _ => img.as_ref(),
        };
        let id = XObjectId(format!("Im{i}"));
        let mut dict = BTreeMap::new();
        let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
        dict.insert("Type".to_string(), name("XObject"));
        dict.insert("Subtype".to_string(), name("Image"));
        dict.insert("Width".to_string(), DictItem::Int(img.width as i64));
        dict.insert("Height".to_string(), DictItem::Int(img.height as i64));
        let space = match img.colour {
            ColourSpace::Gray => "DeviceGray",
            ColourSpace::Rgb => "DeviceRGB",
            ColourSpace::Cmyk => "DeviceCMYK",
        };
        dict.insert("ColorSpace".to_string(), name(space));
        dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
        if img.jpeg {
            dict.insert("Filter".to_string(), name("DCTDecode"));
        } else if img.deflated {
            dict.insert("Filter".to_string(), name("FlateDecode"));
        }
        if img.inverted {
            let d = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
            dict.insert("Decode".to_string(), DictItem::Array(d));
        }
        let xobject = ExternalXObject {
            stream: ExternalStream {
                dict,
                content: img.data.clone(),
                compress: !img.jpeg && !img.deflated,
            },
            width: None,
            height: None,
            dpi: None,
        };
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::External(xobject));
        ids.push(id);
    }
    Ok(ids)
}

/// Draws an image at `draw` (lower-left corner in PDF space, size), clipped
/// to `clip` (the same).
pub fn draw(
    ops: &mut Vec<Op>,
    id: &XObjectId,
    clip: ((f32, f32), (f32, f32)),
    draw: ((f32, f32), (f32, f32)),
) {
    let ((fx, fy), (fw, fh)) = clip;
    let ((dx, dy), (dw, dh)) = draw;
    ops.push(Op::SaveGraphicsState);
    // Clip to the frame: `x y w h re W n`.
    ops.push(Op::Unknown {
        key: "re".to_string(),
        value: [fx, fy, fw, fh].map(|v| DictItem::Real(round(v))).to_vec(),
    });
    ops.push(Op::Unknown {
        key: "W".to_string(),
        value: vec![],
    });
    ops.push(Op::Unknown {
        key: "n".to_string(),
        value: vec![],
    });
    ops.push(Op::SetTransformationMatrix {
        matrix: CurTransMat::Raw([round(dw), 0.0, 0.0, round(dh), round(dx), round(dy)]),
    });
    ops.push(Op::UseXobject {
        id: id.clone(),
        transform: XObjectTransform {
            no_auto_scale: true,
            ..Default::default()
        },
    });
    ops.push(Op::RestoreGraphicsState);
}
