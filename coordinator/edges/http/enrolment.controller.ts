import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';

import { type EnrolRequest, enrolRequestSchema, type IssuedCertificate, SiteIdentityService } from '../../services/site-identity.service.js';
import { Public } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { issuedCertificateResponse } from './responses.js';

/**
 * What a site without a certificate may call. The enrolment token in the body
 * is the credential; the CA certificate is public, and a site checks it
 * against the hash its token carries before trusting it.
 */
@Controller('api')
@Public()
export class EnrolmentController {
  constructor(private readonly identity: SiteIdentityService) {}

  /** Body: { token, csr }; answers the site's certificate and the CA's. */
  @Post('enrolments')
  @HttpCode(201)
  @Answers(issuedCertificateResponse, "enrols a site: its one-time token and CSR in, its certificate and the CA's out")
  enrol(@Body(new ParsedBody(enrolRequestSchema, 'enrolment request')) request: EnrolRequest): Promise<IssuedCertificate> {
    return this.identity.enrol(request);
  }

  @Get('ca')
  @Header('Content-Type', 'application/x-pem-file')
  @Answers('application/x-pem-file', 'the federation CA certificate')
  ca(): string {
    return this.identity.caCertificatePem;
  }
}
