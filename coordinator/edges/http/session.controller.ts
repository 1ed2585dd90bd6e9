import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';

import { ROLES } from '../../persistence/entities/index.js';
import type { Principal } from '../../services/access-tokens.js';
import { CurrentPrincipal, Roles } from './access.js';
import { Answers } from './openapi.js';
import { sessionResponse } from './responses.js';

/** Who a token is: the console asks once at sign-in, to show the pages the token's role may open. */
@Controller('api/session')
export class SessionController {
  @Get()
  @Roles(...ROLES)
  @Answers(sessionResponse, "the token's name and role")
  session(@CurrentPrincipal() principal: Principal): z.infer<typeof sessionResponse> {
    return { name: principal.name, role: principal.role };
  }
}
