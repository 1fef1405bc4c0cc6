import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { config } from 'zod/mini'
import { API_GLOBAL, createNewsroomBridge } from '../shared/ipc/api'

// The page's CSP forbids eval; zod would otherwise probe `new Function` and log a violation.
config({ jitless: true })

// Only the contract's methods cross the bridge: the page never sees ipcRenderer, an IPC event object or a
// generic "invoke any channel" function.
contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createNewsroomBridge(
    {
      invoke: (channel, request) => ipcRenderer.invoke(channel, request),
      subscribe: (channel, listener) => {
        const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
        ipcRenderer.on(channel, forward)
        return () => {
          ipcRenderer.removeListener(channel, forward)
        }
      }
    },
    // Dropped files only: the paths go from here to main (photos:registerDrop, not on window.newsroom) and the
    // page gets single-use tokens, so it can neither learn a path nor make main read one it names.
    { pathsForFiles: (files) => files.map((file) => webUtils.getPathForFile(file as File)) }
  )
)
