/**
 * The window's webPreferences in one place, without an Electron import, so that the rule is tested
 * in plain Node: sandboxed, isolated, no Node in the page, no <webview>, and no DevTools in a
 * packaged build (a judge's workstation is no place to read the page's memory or run code in it).
 */
export interface WindowPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  webviewTag: false;
  spellcheck: false;
  devTools: boolean;
}

export function windowPreferences(preload: string, packaged: boolean): WindowPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !packaged,
  };
}
