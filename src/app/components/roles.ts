import type { Translate } from "#app/i18n/translator.ts";
import type { Role } from "#app/server/policy/roles.ts";

/**
 * A role's label in the reader's language. Written out per role (not `users.role_${role}`), so
 * the compiler asks for a new role's label and the catalog check sees every key (decision 093).
 */
export function roleLabel(t: Translate, role: Role): string {
  switch (role) {
    case "admin":
      return t("users.role_admin");
    case "coordinator":
      return t("users.role_coordinator");
    case "case_worker":
      return t("users.role_case_worker");
    case "supervisor":
      return t("users.role_supervisor");
    case "data_protection_officer":
      return t("users.role_data_protection_officer");
    case "partner_staff":
      return t("users.role_partner_staff");
    case "volunteer_coordinator":
      return t("users.role_volunteer_coordinator");
    case "volunteer":
      return t("users.role_volunteer");
    case "analyst":
      return t("users.role_analyst");
    case "board_member":
      return t("users.role_board_member");
    case "finance":
      return t("users.role_finance");
    case "housing_coordinator":
      return t("users.role_housing_coordinator");
  }
}
