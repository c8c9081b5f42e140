// Files webpack inlines as data: URLs (asset/inline, see webpack.config.js).
declare module "*.xlsx" {
  const dataUrl: string;
  export default dataUrl;
}
