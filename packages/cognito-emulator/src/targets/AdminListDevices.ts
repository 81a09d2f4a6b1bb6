import type {
  AdminListDevicesRequest,
  AdminListDevicesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUser } from '../services/admin.js';
import { listDevices } from '../services/devices.js';
import { ADMIN_USER, LIMIT, PAGE_TOKEN } from '../validation.js';
import { target } from './target.js';

/** A user's tracked devices, for an administrator, by key, up to `Limit` (60) a page. */
export const AdminListDevices = target<AdminListDevicesRequest, AdminListDevicesResponse>({
  signed: true,
  input: { ...ADMIN_USER, Limit: LIMIT, PaginationToken: PAGE_TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = adminUser(ctx, input);
    return listDevices(ctx, pool, user, input);
  },
});
