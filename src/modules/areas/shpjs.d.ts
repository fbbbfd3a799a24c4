// shpjs ships no types; only the entry Lotse uses is declared.
declare module "shpjs" {
  export function getShapefile(input: {
    shp: DataView;
    dbf?: DataView;
    cpg?: string;
    prj?: string;
  }): Promise<{ features: { properties: Record<string, unknown> | null; geometry: unknown }[] }>;
}
