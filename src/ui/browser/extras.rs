//! The app's two workers, which the page starts on first use, so that their
//! code never weighs on loading the form: `nianbao-extras` converts 繁體 ↔
//! 简体 (a traditional paste, a 繁體 page or text); `nianbao-office` reads and
//! writes Word, Excel and PDF files (its readers are ~1 MB gzip, which a
//! traditional paste need not load). Both run [`serve`], built with their
//! own features.
//!
//! Page side: [`download`] renders a file, [`simplify`] makes a traditional
//! paste simplified before it is imported, [`open_file`] reads a Word, Excel
//! or PDF file. Worker side: [`serve`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::import::Imported;
#[cfg(feature = "convert")]
use crate::model::json;
#[cfg(feature = "convert")]
use crate::render::{render_in, Export, Script};

fn field(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Worker side: answers requests until the page closes. Built without
/// features (the importer worker), it reads pastes (`{id, kind: "import",
/// text}` → `{id, imported}`, an [`Imported`] as its message); with `docx`, Word,
/// Excel and PDF files too (`{id, kind: "open", bytes}` → `{id, imported,
/// text}`); with `convert`, a traditional text made simplified (`{id, kind:
/// "simplify", text}` → `{id, text}`) and rendered files (`{id, kind,
/// traditional, draft}` → `{id, filename, mime, bytes}`; a batch's 问题清单,
/// `{id, kind: "issues", batch, word}` → `{id, bytes}`). `{id, error}` when it
/// cannot.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let reply = js_sys::Object::new();
            set(&reply, "id", &field(&data, "id"));
            let kind = field(&data, "kind").as_string().unwrap_or_default();
            answer(&kind, &data, &reply);
            let _ = reply_to.post_message(&reply);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before this handler existed would be lost: say when it does.
    let ready = js_sys::Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Worker side: one request's answer, written into `reply`.
fn answer(kind: &str, data: &JsValue, reply: &js_sys::Object) {
    let text = || field(data, "text").as_string().unwrap_or_default();
    match kind {
        // The importer worker (no features); the office worker imports the files it opens.
        #[cfg(not(feature = "convert"))]
        "import" => {
            let imported = crate::import::import_file(&text());
            set(
                reply,
                "imported",
                &JsValue::from_str(&imported.to_message()),
            );
        }
        #[cfg(feature = "docx")]
        "open" => {
            let bytes = field(data, "bytes")
                .unchecked_into::<js_sys::Uint8Array>()
                .to_vec();
            // The file read and imported; its text is what the paste box shows.
            match crate::import::open(&bytes).map(crate::import::Opened::simplified) {
                Ok(opened) => {
                    let imported = crate::import::import_opened(&opened);
                    set(
                        reply,
                        "imported",
                        &JsValue::from_str(&imported.to_message()),
                    );
                    set(reply, "text", &JsValue::from_str(&opened.document.text()));
                }
                Err(why) => set(reply, "error", &JsValue::from_str(&why)),
            }
        }
        #[cfg(feature = "docx")]
        "issues" => {
            let batch = field(data, "batch").as_string().unwrap_or_default();
            let word = field(data, "word").as_bool().unwrap_or(false);
            match crate::rules::issues::of_message(&batch, word) {
                Ok(bytes) => {
                    set(reply, "bytes", &js_sys::Uint8Array::from(bytes.as_slice()));
                }
                Err(why) => set(reply, "error", &JsValue::from_str(&why)),
            }
        }
        #[cfg(feature = "convert")]
        "simplify" => {
            let simplified = crate::import::text::normalize::to_simplified(&text());
            set(reply, "text", &JsValue::from_str(&simplified));
        }
        #[cfg(feature = "convert")]
        _ => {
            let script = match field(data, "traditional").as_bool() {
                Some(true) => Script::Traditional,
                _ => Script::Simplified,
            };
            let draft = field(data, "draft").as_string().unwrap_or_default();
            let rendered = Export::from_kind(kind)
                .ok_or_else(|| format!("不支持的文件类型“{kind}”。"))
                .and_then(|export| {
                    let report = json::from_str(&draft).map_err(|e| e.to_string())?;
                    render_in(export, &report, script)
                });
            match rendered {
                Ok(file) => {
                    set(reply, "filename", &JsValue::from_str(&file.filename));
                    set(reply, "mime", &JsValue::from_str(file.mime));
                    set(
                        reply,
                        "bytes",
                        &js_sys::Uint8Array::from(file.bytes.as_slice()),
                    );
                }
                Err(why) => set(reply, "error", &JsValue::from_str(&why)),
            }
        }
        #[cfg(not(feature = "convert"))]
        _ => set(reply, "error", &JsValue::from_str(UNAVAILABLE)),
    }
}

/// The three workers: the importer, started once the form is shown; 繁體
/// and the office formats, each started on first use (繁體 alone is small;
/// Word, Excel and PDF bring their readers and writers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Which {
    /// Reads pastes and text files.
    Import,
    /// 繁體 ↔ 简体: a traditional paste, a 繁體 HTML or text download.
    Convert,
    /// Word, Excel and PDF, both ways (繁體 Word too).
    Office,
}

impl Which {
    /// The worker's loader next to the page, or (single-file edition) the
    /// blob URL the page puts in a `window` property.
    fn url(self) -> String {
        let (property, loader) = match self {
            Which::Import => ("NIANBAO_IMPORT_URL", "./nianbao-import_loader.js"),
            Which::Convert => ("NIANBAO_EXTRAS_URL", "./nianbao-extras_loader.js"),
            Which::Office => ("NIANBAO_OFFICE_URL", "./nianbao-office_loader.js"),
        };
        web_sys::window()
            .map(|w| field(&w, property))
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| loader.to_owned())
    }
}

/// A call awaiting its reply: resolve, reject, and the worker it went to.
type Pending = HashMap<u32, (js_sys::Function, js_sys::Function, Which)>;

thread_local! {
    /// The started workers, each with a promise that resolves once it listens.
    static WORKERS: RefCell<HashMap<Which, (web_sys::Worker, js_sys::Promise)>> = RefCell::new(HashMap::new());
    static PENDING: RefCell<Pending> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

const UNAVAILABLE: &str = "无法加载 Word/Excel/PDF/繁体 处理组件，请刷新页面后重试。";
/// The worker stopped while working: a file it could not take (a damaged
/// PDF, say); the next call starts a new one.
const CRASHED: &str = "后台组件处理这个文件时出错（文件可能已损坏或格式特殊），已停止。可以重试其他文件；仍不行请刷新页面。";

/// The worker ran past [`WORK_BUDGET_MS`].
const TOO_LONG: &str =
    "读取这个文件用时超过 20 秒，已停止（文件可能过大、损坏或被特意构造）。可以继续处理其他文件。";

fn next_id() -> u32 {
    NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// Rejects every call to `which` and stops it; the next call starts it again.
fn fail_all(which: Which, why: &str) {
    let pending: Vec<_> = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let ids: Vec<u32> = p
            .iter()
            .filter(|(_, c)| c.2 == which)
            .map(|(id, _)| *id)
            .collect();
        ids.into_iter().filter_map(|id| p.remove(&id)).collect()
    });
    for (_, reject, _) in pending {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
    }
    if let Some((worker, _)) = WORKERS.with(|w| w.borrow_mut().remove(&which)) {
        worker.terminate();
    }
}

fn worker(which: Which) -> Result<(web_sys::Worker, js_sys::Promise), String> {
    if let Some(w) = WORKERS.with(|w| w.borrow().get(&which).cloned()) {
        return Ok(w);
    }
    let worker = web_sys::Worker::new(&which.url()).map_err(|_| UNAVAILABLE.to_owned())?;
    // The worker says "ready" (a message without an id) once it listens.
    let ready_id = next_id();
    let ready = js_sys::Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().insert(ready_id, (resolve, reject, which)));
    });
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let id = field(&data, "id").as_f64().map_or(ready_id, |id| id as u32);
            if let Some((resolve, _, _)) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    // Before "ready" the worker could not load; after it, a request failed.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        let loaded = PENDING.with(|p| !p.borrow().contains_key(&ready_id));
        fail_all(which, if loaded { CRASHED } else { UNAVAILABLE })
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_message.forget();
    on_error.forget();
    WORKERS.with(|w| {
        w.borrow_mut()
            .insert(which, (worker.clone(), ready.clone()))
    });
    Ok((worker, ready))
}

/// How long a worker may work on one request before it is stopped: a file
/// made to keep a reader busy costs this, once (the next request starts a
/// new worker).
const WORK_BUDGET_MS: i32 = 20_000;

/// Page side: posts a message to a worker (started on first use) and
/// awaits its reply; the reply's `error`, if any, is the error. A worker
/// still busy after [`WORK_BUDGET_MS`] is stopped, and says so.
async fn call(which: Which, message: js_sys::Object) -> Result<JsValue, String> {
    let (worker, ready) = worker(which)?;
    wasm_bindgen_futures::JsFuture::from(ready)
        .await
        .map_err(|_| UNAVAILABLE.to_owned())?;
    let id = next_id();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().insert(id, (resolve, reject, which)));
    });
    set(&message, "id", &JsValue::from(id));
    worker
        .post_message(&message)
        .map_err(|_| UNAVAILABLE.to_owned())?;
    let watchdog = Closure::once_into_js(move || {
        if PENDING.with(|p| p.borrow().contains_key(&id)) {
            fail_all(which, TOO_LONG);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            watchdog.unchecked_ref(),
            WORK_BUDGET_MS,
        );
    }
    let reply = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| UNAVAILABLE.to_owned()))?;
    match field(&reply, "error").as_string() {
        Some(why) => Err(why),
        None => Ok(reply),
    }
}

/// Page side: a traditional-script text in simplified script, converted in
/// the worker (the page carries no converter tables).
pub async fn simplify(text: &str) -> Result<String, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &JsValue::from_str("simplify"));
    set(&message, "text", &JsValue::from_str(text));
    let reply = call(Which::Convert, message).await?;
    Ok(field(&reply, "text").as_string().unwrap_or_default())
}

/// Page side: a paste or text file imported in the importer worker (the
/// page carries no importer, and a report that trips it stops the worker,
/// not the page).
pub async fn import(text: &str) -> Result<Imported, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &JsValue::from_str("import"));
    set(&message, "text", &JsValue::from_str(text));
    imported(&call(Which::Import, message).await?)
}

/// The import a worker's reply carries.
fn imported(reply: &JsValue) -> Result<Imported, String> {
    Imported::from_message(&field(reply, "imported").as_string().unwrap_or_default())
}

/// Page side: starts the importer worker, so that it is ready for the first paste.
pub fn start_importer() {
    let _ = worker(Which::Import);
}

/// Page side: a Word, Excel or PDF file read and imported in the office
/// worker (the page carries no zip, XML or PDF reader), with its text for
/// the paste box.
pub async fn open_file(bytes: &[u8]) -> Result<(Imported, String), String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &JsValue::from_str("open"));
    set(&message, "bytes", &js_sys::Uint8Array::from(bytes));
    let reply = call(Which::Office, message).await?;
    Ok((
        imported(&reply)?,
        field(&reply, "text").as_string().unwrap_or_default(),
    ))
}

/// Page side: a batch's 问题清单 written as a workbook (or, `word`, a Word
/// document) in the office worker (a [`crate::rules::issues::batch_message`]),
/// offered for download.
pub async fn download_issues(batch: String, word: bool) -> Result<(), String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &JsValue::from_str("issues"));
    set(&message, "batch", &JsValue::from_str(&batch));
    set(&message, "word", &JsValue::from_bool(word));
    let reply = call(Which::Office, message).await?;
    let bytes: js_sys::Uint8Array = field(&reply, "bytes").unchecked_into();
    let (extension, mime) = if word {
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    } else {
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    };
    let name = format!("{}.{extension}", crate::rules::issues::FILENAME);
    super::download::offer_bytes(&name, mime, &bytes).map_err(str::to_owned)
}

/// Page side: renders `kind` ("docx", "html", "txt") of a draft in the worker
/// and offers the file for download.
pub async fn download(kind: &str, traditional: bool, draft: String) -> Result<(), String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &JsValue::from_str(kind));
    set(&message, "traditional", &JsValue::from_bool(traditional));
    set(&message, "draft", &JsValue::from_str(&draft));
    let which = match kind {
        "docx" | "xlsx" => Which::Office,
        _ => Which::Convert,
    };
    let reply = call(which, message).await?;
    let filename = field(&reply, "filename").as_string().unwrap_or_default();
    let mime = field(&reply, "mime").as_string().unwrap_or_default();
    let bytes: js_sys::Uint8Array = field(&reply, "bytes").unchecked_into();
    super::download::offer_bytes(&filename, &mime, &bytes).map_err(str::to_owned)
}
