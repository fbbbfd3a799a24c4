import { describe, expect, it } from "vitest";
import { checkDataValues, dataValueSetOptions, toDataValues, withSetDefaults } from "./data-value-sets.ts";
import type { ParseContext } from "./import-parse.ts";

const ctx: ParseContext = {
  elements: [
    {
      id: "e-pop",
      code: "population",
      valueType: "count",
      dimensions: { sex: ["f", "m", "d"], age: ["0-14", "15-19", "20-64", "65+"] },
      origin: "external",
    },
    { id: "e-km2", code: "area_km2", valueType: "number", dimensions: {}, origin: "external" },
    {
      id: "e-cases",
      code: "lotse_open_cases",
      valueType: "count",
      dimensions: { category: [] },
      origin: "lotse",
    },
  ],
  areas: [{ id: "a-mitte", code: "unna-mitte" }],
  currentYear: 2026,
};

describe("checkDataValues", () => {
  it("turns DHIS2 data values into rows (breakdown keys canonical, decimal commas read)", () => {
    const { rows, conflicts } = checkDataValues(
      [
        {
          dataElement: "population",
          period: "2024",
          orgUnit: "unna-mitte",
          categoryOptionCombo: "default",
          value: "18000",
        },
        {
          dataElement: "population",
          period: "2024",
          orgUnit: "unna-mitte",
          categoryOptionCombo: "age:65+;sex:f",
          value: 2600,
        },
        { dataElement: "area_km2", period: "2024", orgUnit: "unna-mitte", value: "12,5" },
      ],
      ctx,
    );
    expect(conflicts).toEqual([]);
    expect(rows).toEqual([
      { elementId: "e-pop", areaId: "a-mitte", period: "2024", breakdown: "", value: 18000 },
      { elementId: "e-pop", areaId: "a-mitte", period: "2024", breakdown: "sex:f;age:65+", value: 2600 },
      { elementId: "e-km2", areaId: "a-mitte", period: "2024", breakdown: "", value: 12.5 },
    ]);
  });

  it("names the index and field of every conflict", () => {
    const { conflicts } = checkDataValues(
      [
        { dataElement: "population", period: "2024", orgUnit: "unna-mitte", value: "12,5" },
        { dataElement: "einwohner", period: "24", orgUnit: "unna-mitte", value: "1" },
        {
          dataElement: "population",
          period: "2024",
          orgUnit: "unna-mitte",
          categoryOptionCombo: "sex=f",
          value: "1",
        },
        { dataElement: "lotse_open_cases", period: "2024", orgUnit: "unna-mitte", value: "1" },
        { dataElement: "area_km2", period: "2024", orgUnit: "unna-mitte", value: "-1" },
        { dataElement: "area_km2", period: "2024", orgUnit: "unna-mitte", value: "-1,0" },
      ],
      ctx,
    );
    expect(conflicts.map((c) => `${c.indexes.join(",")}:${c.property}:${c.errorCode}:${c.object}`)).toEqual([
      "0:value:count_not_whole:12,5",
      "1:period:period_format:24",
      "1:dataElement:unknown_element:einwohner",
      "2:categoryOptionCombo:breakdown_format:sex=f",
      "3:dataElement:element_lotse:lotse_open_cases",
      "4,5:period:duplicate_value:unna-mitte 2024 area_km2",
    ]);
  });
});

describe("toDataValues", () => {
  it("writes codes, 'default' for the total, and values as text", () => {
    const at = new Date("2026-03-02T09:00:00Z");
    expect(
      toDataValues(
        [
          {
            elementId: "e-pop",
            areaId: "a-mitte",
            period: "2024",
            breakdown: "",
            value: 18000,
            updatedAt: at,
          },
          {
            elementId: "e-km2",
            areaId: "a-mitte",
            period: "2024",
            breakdown: "",
            value: 12.5,
            updatedAt: at,
          },
          {
            elementId: "e-pop",
            areaId: "a-gone",
            period: "2024",
            breakdown: "sex:f",
            value: 1,
            updatedAt: at,
          },
        ],
        ctx,
      ),
    ).toEqual([
      {
        dataElement: "population",
        period: "2024",
        orgUnit: "unna-mitte",
        categoryOptionCombo: "default",
        attributeOptionCombo: "default",
        value: "18000",
        lastUpdated: "2026-03-02T09:00:00.000Z",
        followup: false,
      },
      {
        dataElement: "area_km2",
        period: "2024",
        orgUnit: "unna-mitte",
        categoryOptionCombo: "default",
        attributeOptionCombo: "default",
        value: "12.5",
        lastUpdated: "2026-03-02T09:00:00.000Z",
        followup: false,
      },
    ]);
  });
});

describe("DHIS2 set-level fields and import options", () => {
  it("fills period, orgUnit and attributeOptionCombo from the set where a value has none", () => {
    const values = withSetDefaults({
      period: "2024",
      orgUnit: "unna-mitte",
      attributeOptionCombo: "default",
      dataValues: [
        { dataElement: "population", value: "1" },
        { dataElement: "population", period: "2023", orgUnit: "elsewhere", value: "2" },
      ],
    });
    expect(values.map((v) => [v.period, v.orgUnit, v.attributeOptionCombo])).toEqual([
      ["2024", "unna-mitte", "default"],
      ["2023", "elsewhere", "default"],
    ]);
    expect(checkDataValues(values.slice(0, 1), ctx).conflicts).toEqual([]);
  });

  it("refuses an attribute option combo other than default, and a missing period or orgUnit", () => {
    const { rows, conflicts } = checkDataValues(
      [
        {
          dataElement: "area_km2",
          period: "2024",
          orgUnit: "unna-mitte",
          attributeOptionCombo: "X1",
          value: 3,
        },
        { dataElement: "area_km2", value: 3 },
      ],
      ctx,
    );
    expect(rows).toEqual([]);
    expect(conflicts.map((c) => [c.indexes[0], c.property, c.errorCode])).toEqual([
      [0, "attributeOptionCombo", "attribute_combo"],
      [1, "orgUnit", "unknown_area"],
      [1, "period", "period_required"],
    ]);
  });

  it("reads dryRun, importStrategy and id schemes; the payload wins over the query", () => {
    expect(dataValueSetOptions({}, {})).toEqual({
      options: { dryRun: false, importStrategy: "CREATE_AND_UPDATE" },
      issues: [],
    });
    expect(dataValueSetOptions({ dryRun: "false", idScheme: "code" }, { dryRun: true }).options.dryRun).toBe(
      true,
    );
    expect(
      dataValueSetOptions({ importStrategy: "new_and_updates", orgUnitIdScheme: "CODE" }, {}).issues,
    ).toEqual([]);
    expect(
      dataValueSetOptions({ idScheme: "UID", importStrategy: "CREATE" }, { dataElementIdScheme: "NAME" })
        .issues,
    ).toEqual([
      { field: "importStrategy", code: "invalid" },
      { field: "idScheme", code: "invalid" },
      { field: "dataElementIdScheme", code: "invalid" },
    ]);
  });
});
