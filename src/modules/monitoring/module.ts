import { defineModule } from "#app/server/modules.ts";
import { registerMonitoringApi } from "./api.ts";
import { registerMonitoringDataApi } from "./data-api.ts";
import type { MonitoringDataService } from "./data-service.ts";
import { registerMonitoringImportApi } from "./import-api.ts";
import { registerPublicReportRoutes, registerReportApi } from "./report-api.ts";

/** The monitoring module as the platform sees it (decision 026). */
export const monitoringModule = defineModule({
  name: "monitoring",
  namespaces: [
    "monitoring",
    "monitoring_catalog",
    "monitoring_data",
    "monitoring_import",
    "monitoring_report",
  ],
  actions: [
    "monitoring.view",
    "monitoring.data.manage",
    "monitoring.definitions.manage",
    "monitoring.approve",
  ],
  pages: ["/staff/monitoring", "/staff/monitoring/data", "/staff/monitoring/definitions"],
  http: {
    api: [registerMonitoringApi, registerMonitoringDataApi, registerReportApi, registerMonitoringImportApi],
    // The public edition of the council report as PDF (/{lang}/monitoring/report.pdf).
    public: [registerPublicReportRoutes],
  },
  home: (s: { monitoringData: MonitoringDataService }) => s.monitoringData.home,
});
