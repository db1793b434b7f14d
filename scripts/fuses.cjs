// Flip Electron fuses after packing (STYLE 9): no RunAsNode, no NODE_OPTIONS or inspect arguments,
// cookie encryption on, ASAR integrity with OnlyLoadAppFromAsar.
const path = require('node:path');

exports.default = async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  const ext = { darwin: '.app', win32: '.exe', linux: '' }[context.electronPlatformName] ?? '';
  const name = context.packager.appInfo.productFilename;
  const exe = context.electronPlatformName === 'linux' ? context.packager.executableName : `${name}${ext}`;
  await flipFuses(path.join(context.appOutDir, exe), {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  });
};
