// The sample workbook, inlined by webpack (asset/inline) into this lazy chunk as a data: URL. Loading it is a
// script load, not a connection, so the pane's Content-Security-Policy keeps connect-src 'none'.
import sample from "../../assets/sample/平乡县行政审批局-2024年部门预算.xlsx";

/** The sample's bytes, decoded from the data: URL (fetch of a data: URL would be a connection too). */
export function sampleBytes(): ArrayBuffer {
  const base64 = sample.slice(sample.indexOf(",") + 1);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}
