/* Runs before anything else, in any browser (ES5, no modules): a browser
   that cannot run the app says so in Chinese instead of a blank page.
   The app needs WebAssembly with reference types and multi-value
   (Chrome / Edge 96+, Firefox 79+, Safari 15+) and module scripts. */
(function () {
  var ok = false;
  try {
    var wasm = window.WebAssembly;
    var script = document.createElement('script');
    ok = typeof wasm === 'object' && typeof wasm.validate === 'function' &&
      'noModule' in script &&
      /* (func (param externref)): reference types */
      wasm.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 111, 0])) &&
      /* (func (result i32 i32)): multi-value */
      wasm.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127]));
  } catch (e) {
    ok = false;
  }
  if (ok) return;
  var shown = false;
  function show() {
    if (shown || !document.body) return;
    shown = true;
    var box = document.createElement('div');
    box.id = 'too-old';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'margin:40px auto;max-width:640px;padding:20px 24px;border:2px solid #b3261e;background:#fff8c5;font-size:16px;line-height:1.8;font-family:"Microsoft YaHei",sans-serif';
    box.innerHTML = '<h1 style="font-size:20px;color:#b3261e;margin:0 0 8px">这个浏览器版本过旧，无法运行本工具</h1>' +
      '<p style="margin:0 0 8px">本工具需要较新的浏览器（支持 WebAssembly）。请使用 Chrome 或 Edge 96 以上版本、Firefox 79 以上版本；' +
      '360、QQ、搜狗等浏览器请在地址栏右侧切换到“极速模式”（不要用“兼容模式”）。</p>' +
      '<p style="margin:0">Windows 7 电脑可安装 Chrome 109 或 Edge 109。如无法更换浏览器，请联系本单位的信息技术人员。</p>';
    document.body.insertBefore(box, document.body.firstChild);
  }
  if (document.addEventListener) {
    document.addEventListener('DOMContentLoaded', show, false);
  }
  window.onload = show;
})();
