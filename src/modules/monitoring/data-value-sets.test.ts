import { describe, expect, it } from "vitest";
import { checkDataValues, toDataValues } from "./data-value-sets.ts";
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
        value: "18000",
        lastUpdated: "2026-03-02T09:00:00.000Z",
      },
      {
        dataElement: "area_km2",
        period: "2024",
        orgUnit: "unna-mitte",
        categoryOptionCombo: "default",
        value: "12.5",
        lastUpdated: "2026-03-02T09:00:00.000Z",
      },
    ]);
  });
});
