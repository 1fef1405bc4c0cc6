; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
; Electron 41 runs on Windows 10 and up (its README's platform support); on anything older the app would
; not start after installing, so the installer says so at once and installs nothing.
!include "WinVer.nsh"

!macro customInit
  ${IfNot} ${AtLeastWin10}
    ${If} $LANGUAGE == 2052
      MessageBox MB_OK|MB_ICONSTOP "校园新闻编辑器需要 Windows 10 或更高版本（64 位）。$\r$\n此电脑的 Windows 版本过旧，无法安装。请在 Windows 10 / 11 电脑上安装。"
    ${Else}
      MessageBox MB_OK|MB_ICONSTOP "Campus Newsroom needs Windows 10 or later (64-bit).$\r$\nThis PC's Windows is too old; please install it on a Windows 10 or 11 PC."
    ${EndIf}
    Quit
  ${EndIf}
!macroend
