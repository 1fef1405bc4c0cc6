/**
 * Who the installed app is to the operating system. The installers (electron-builder.yml), Windows'
 * setAppUserModelId (notifications, taskbar grouping) and the file association must all say the same,
 * and a unit test holds electron-builder.yml to these values.
 */
export const APP_ID = 'cn.edu.campus.newsroom'

/**
 * ASCII on purpose: it names the exe, the Linux binary, the /usr/bin link and the AppArmor profile, where a
 * Chinese or spaced name breaks shell scripts, AppArmor paths and older Windows tools. The Chinese product
 * name stays the display name.
 */
export const EXECUTABLE_NAME = 'campus-newsroom'

export const DISPLAY_NAME = { 'zh-CN': '校园新闻编辑器', en: 'Campus Newsroom' } as const

/** The draft package a person double-clicks; the same as the package service's PACKAGE_EXTENSION. */
export const PACKAGE_FILE_EXTENSION = '.newsroom'
