declare module 'heic-decode' {
  type DecodedHeic = { width: number; height: number; data: Uint8ClampedArray }
  function decode(input: { buffer: Uint8Array }): Promise<DecodedHeic>
  export default decode
}
