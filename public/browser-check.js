/* Runs before anything else, in any browser (ES5, no modules): a browser
   that cannot run the app says so in Chinese instead of a blank page.
   The app needs WebAssembly 1.0 (its modules use nothing newer, see
   .cargo/config.toml) and module scripts in ES2020 syntax: Chrome / Edge
   80+, Firefox 74+, Safari 13.1+. A browser that has WebAssembly and modules
   but not the syntax fails to parse the app's script: that error is caught
   here too, and says the same. */
(function () {
  var ok = false;
  try {
    var wasm = window.WebAssembly;
    var script = document.createElement('script');
    ok = typeof wasm === 'object' && typeof wasm.validate === 'function' &&
      'noModule' in script &&
      /* the empty module: WebAssembly 1.0 */
      wasm.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (e) {
    ok = false;
  }
  var shown = false;
  function show() {
    if (shown || !document.body) return;
    shown = true;
    var box = document.createElement('div');
    box.id = 'too-old';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'margin:40px auto;max-width:640px;padding:20px 24px;border:2px solid #b3261e;background:#fff8c5;font-size:16px;line-height:1.8;font-family:"Microsoft YaHei",sans-serif';
    box.innerHTML = '<h1 style="font-size:20px;color:#b3261e;margin:0 0 8px">这个浏览器版本过旧，无法运行本工具</h1>' +
      '<p style="margin:0 0 8px">本工具需要较新的浏览器（支持 WebAssembly）。请使用 Chrome 或 Edge 80 以上版本、Firefox 74 以上版本；' +
      '360、QQ、搜狗等浏览器请在地址栏右侧切换到“极速模式”（不要用“兼容模式”）。</p>' +
      '<p style="margin:0">Windows 7 电脑可安装 Chrome 109 或 Edge 109。如无法更换浏览器，请联系本单位的信息技术人员。</p>';
    document.body.insertBefore(box, document.body.firstChild);
  }
  function later() {
    if (document.addEventListener) {
      document.addEventListener('DOMContentLoaded', show, false);
    }
    window.onload = show;
    show();
  }
  if (!ok) {
    later();
    return;
  }
  /* The app's script could not even be parsed: syntax this browser lacks. */
  if (window.addEventListener) {
    window.addEventListener('error', function (ev) {
      if (ev && ev.error && ev.error.name === 'SyntaxError') later();
    }, false);
  }
})();
