/** The staff home's contracts (decision 019): one schema per input. */
import { z } from "zod";
import { NOTIFY_MODES } from "./model.ts";

/** The account page's notification setting. */
export const notificationSettingInput = z.object({ mode: z.enum(NOTIFY_MODES) });
export type NotificationSettingInput = z.infer<typeof notificationSettingInput>;
