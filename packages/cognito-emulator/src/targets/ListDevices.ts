import type { ListDevicesRequest, ListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { userOfAccessToken } from '../services/access.js';
import { listDevices } from '../services/devices.js';
import { LIMIT, PAGE_TOKEN, TOKEN } from '../validation.js';
import { target } from './target.js';

/** The caller's tracked devices, by key, up to `Limit` (60) a page. */
export const ListDevices = target<ListDevicesRequest, ListDevicesResponse>({
  signed: false,
  input: { AccessToken: TOKEN, Limit: LIMIT, PaginationToken: PAGE_TOKEN },
  handler: (ctx, input) => {
    const { pool, user } = userOfAccessToken(ctx, input.AccessToken);
    return listDevices(ctx, pool, user, input);
  },
});
