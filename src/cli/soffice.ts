// LibreOffice headless as the renderer of exported documents: .docx → PDF (real pagination for the 目录, a PDF to
// publish) and PDF → page texts and PNG pages (pdftotext, pdftoppm from poppler-utils). Nothing leaves the machine.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export class RenderError extends Error {}

function onPath(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** LibreOffice, pdftotext and pdfinfo are installed (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk). */
export function rendererAvailable(): boolean {
  return onPath("soffice") && onPath("pdftotext") && onPath("pdfinfo");
}

// The 公文 faces are Windows fonts: draw them with the Noto CJK faces they resemble (黑体 → sans, 仿宋/宋体 → serif,
// 方正小标宋 → bold serif) rather than one fallback face for all, so the pages look, and break, as with the real faces.
const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="same"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
</fontconfig>
`;

/** PDF export with the document's bookmarks as named destinations: where each heading and marked table row landed. */
const PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}';

/**
 * Converts .docx files to PDF in one LibreOffice run (start-up is most of the cost), with a private profile so a
 * running LibreOffice or a first-start dialog cannot interfere. Returns the PDF paths, in order, in `outDir`.
 */
export async function renderPdfs(docxFiles: string[], outDir: string): Promise<string[]> {
  const profile = mkdtempSync(join(tmpdir(), "bd-soffice-"));
  try {
    writeFileSync(join(profile, "fonts.conf"), FONTS_CONF);
    mkdirSync(outDir, { recursive: true });
    const args = [`-env:UserInstallation=file://${join(profile, "lo")}`, "--headless", "--norestore", "--convert-to", PDF_FILTER, "--outdir", outDir, ...docxFiles];
    await new Promise<void>((resolve, reject) => {
      execFile(
        "soffice",
        args,
        { env: { ...process.env, FONTCONFIG_FILE: join(profile, "fonts.conf") }, timeout: 120_000 + 30_000 * docxFiles.length, killSignal: "SIGKILL", maxBuffer: 16 << 20 },
        (err, _out, stderr) => (err ? reject(new RenderError(`LibreOffice 转换失败：${err.killed ? "超时" : String(stderr || err.message).trim().slice(0, 300)}`)) : resolve()),
      );
    });
    const pdfs = docxFiles.map((f) => join(outDir, basename(f).replace(/\.docx$/i, ".pdf")));
    const lost = pdfs.find((p) => !existsSync(p));
    if (lost) throw new RenderError(`LibreOffice 没有生成 ${basename(lost)}。`);
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The text of each page of a PDF (pdftotext keeps a page's lines; pages are separated by form feeds). `layout` false
 * gives reading order instead, where each table cell's lines follow one another.
 */
export function pdfPageTexts(pdf: string, layout = true): string[] {
  const text = execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 60_000 });
  const pages = text.split("\f");
  if (pages.length && !pages[pages.length - 1].trim()) pages.pop();
  return pages;
}

/** The PDF's named destinations (the document's bookmarks) and the page (1-based, in the file) each is on. */
export function pdfDestinations(pdf: string): Map<string, number> {
  const text = execFileSync("pdfinfo", ["-dests", pdf], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 60_000 });
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^\s*(\d+)\s+\[[^\]]*\]\s+"([^"]+)"\s*$/gm)) out.set(m[2], Number(m[1]));
  return out;
}

/** PNG images of the given pages (1-based) at `dpi`, written as `<prefix>-<page>.png`; returns their paths. */
export function pdfPagesToPng(pdf: string, pages: number[], prefix: string, dpi = 80): string[] {
  return pages.map((p) => {
    const out = `${prefix}-${p}`;
    execFileSync("pdftoppm", ["-r", String(dpi), "-png", "-singlefile", "-f", String(p), "-l", String(p), pdf, out], { timeout: 60_000 });
    return `${out}.png`;
  });
}

/** Renders one .docx (bytes) in a scratch folder and gives its PDF's bytes and page texts. */
export async function renderDocx(bytes: Uint8Array, name = "document"): Promise<{ pdf: Uint8Array; pages: string[]; destinations: Map<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), "bd-render-"));
  try {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, bytes);
    const [pdf] = await renderPdfs([file], dir);
    return { pdf: new Uint8Array(readFileSync(pdf)), pages: pdfPageTexts(pdf), destinations: pdfDestinations(pdf) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
