/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const consilium = $root.consilium = (() => {

    /**
     * Namespace consilium.
     * @exports consilium
     * @namespace
     */
    const consilium = {};

    consilium.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof consilium
         * @namespace
         */
        const v1 = {};

        v1.SiteService = (function() {

            /**
             * Constructs a new SiteService service.
             * @memberof consilium.v1
             * @classdesc Represents a SiteService
             * @extends $protobuf.rpc.Service
             * @constructor
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             */
            const SiteService = function(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            };

            $Object.defineProperty(SiteService.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: SiteService, writable: true, enumerable: false, configurable: true });

            /**
             * Creates new SiteService service using the specified rpc implementation.
             * @function create
             * @memberof consilium.v1.SiteService
             * @static
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             * @returns {SiteService} RPC service. Useful where requests and/or responses are streamed.
             */
            SiteService.create = function(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };

            /**
             * Callback as used by {@link consilium.v1.SiteService#connect}.
             * @memberof consilium.v1.SiteService
             * @typedef ConnectCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {consilium.v1.CoordinatorMessage} [response] CoordinatorMessage
             */

            /**
             * Calls Connect.
             * @memberof consilium.v1.SiteService
             * @typedef Connect
             * @type {{
             *   (request: consilium.v1.ISiteMessage, callback: consilium.v1.SiteService.ConnectCallback): void;
             *   (request: consilium.v1.ISiteMessage): Promise<consilium.v1.CoordinatorMessage>;
             *   readonly name: "Connect";
             *   readonly path: "/consilium.v1.SiteService/Connect";
             *   readonly requestType: "SiteMessage";
             *   readonly responseType: "CoordinatorMessage";
             *   readonly requestStream: true;
             *   readonly responseStream: true;
             * }}
             */

            /**
             * Calls Connect.
             * @name consilium.v1.SiteService#connect
             * @type {consilium.v1.SiteService.Connect}
             */
            $Object.defineProperties(SiteService.prototype.connect = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, SiteService.prototype.connect, $root.consilium.v1.SiteMessage, $root.consilium.v1.CoordinatorMessage, request, callback);
            }, {
                name: { value: "Connect" },
                path: { value: "/consilium.v1.SiteService/Connect" },
                requestType: { value: "SiteMessage" },
                responseType: { value: "CoordinatorMessage" },
                requestStream: { value: true },
                responseStream: { value: true }
            });

            /**
             * Callback as used by {@link consilium.v1.SiteService#fetchModel}.
             * @memberof consilium.v1.SiteService
             * @typedef FetchModelCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {consilium.v1.ModelChunk} [response] ModelChunk
             */

            /**
             * Calls FetchModel.
             * @memberof consilium.v1.SiteService
             * @typedef FetchModel
             * @type {{
             *   (request: consilium.v1.IFetchModelRequest, callback: consilium.v1.SiteService.FetchModelCallback): void;
             *   (request: consilium.v1.IFetchModelRequest): Promise<consilium.v1.ModelChunk>;
             *   readonly name: "FetchModel";
             *   readonly path: "/consilium.v1.SiteService/FetchModel";
             *   readonly requestType: "FetchModelRequest";
             *   readonly responseType: "ModelChunk";
             *   readonly requestStream: undefined;
             *   readonly responseStream: true;
             * }}
             */

            /**
             * Calls FetchModel.
             * @name consilium.v1.SiteService#fetchModel
             * @type {consilium.v1.SiteService.FetchModel}
             */
            $Object.defineProperties(SiteService.prototype.fetchModel = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, SiteService.prototype.fetchModel, $root.consilium.v1.FetchModelRequest, $root.consilium.v1.ModelChunk, request, callback);
            }, {
                name: { value: "FetchModel" },
                path: { value: "/consilium.v1.SiteService/FetchModel" },
                requestType: { value: "FetchModelRequest" },
                responseType: { value: "ModelChunk" },
                requestStream: { value: $undefined },
                responseStream: { value: true }
            });

            /**
             * Callback as used by {@link consilium.v1.SiteService#submitUpdate}.
             * @memberof consilium.v1.SiteService
             * @typedef SubmitUpdateCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {consilium.v1.UpdateReceipt} [response] UpdateReceipt
             */

            /**
             * Calls SubmitUpdate.
             * @memberof consilium.v1.SiteService
             * @typedef SubmitUpdate
             * @type {{
             *   (request: consilium.v1.IUpdateMessage, callback: consilium.v1.SiteService.SubmitUpdateCallback): void;
             *   (request: consilium.v1.IUpdateMessage): Promise<consilium.v1.UpdateReceipt>;
             *   readonly name: "SubmitUpdate";
             *   readonly path: "/consilium.v1.SiteService/SubmitUpdate";
             *   readonly requestType: "UpdateMessage";
             *   readonly responseType: "UpdateReceipt";
             *   readonly requestStream: true;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls SubmitUpdate.
             * @name consilium.v1.SiteService#submitUpdate
             * @type {consilium.v1.SiteService.SubmitUpdate}
             */
            $Object.defineProperties(SiteService.prototype.submitUpdate = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, SiteService.prototype.submitUpdate, $root.consilium.v1.UpdateMessage, $root.consilium.v1.UpdateReceipt, request, callback);
            }, {
                name: { value: "SubmitUpdate" },
                path: { value: "/consilium.v1.SiteService/SubmitUpdate" },
                requestType: { value: "UpdateMessage" },
                responseType: { value: "UpdateReceipt" },
                requestStream: { value: true },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link consilium.v1.SiteService#renewCertificate}.
             * @memberof consilium.v1.SiteService
             * @typedef RenewCertificateCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {consilium.v1.SiteCertificate} [response] SiteCertificate
             */

            /**
             * Calls RenewCertificate.
             * @memberof consilium.v1.SiteService
             * @typedef RenewCertificate
             * @type {{
             *   (request: consilium.v1.IRenewCertificateRequest, callback: consilium.v1.SiteService.RenewCertificateCallback): void;
             *   (request: consilium.v1.IRenewCertificateRequest): Promise<consilium.v1.SiteCertificate>;
             *   readonly name: "RenewCertificate";
             *   readonly path: "/consilium.v1.SiteService/RenewCertificate";
             *   readonly requestType: "RenewCertificateRequest";
             *   readonly responseType: "SiteCertificate";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls RenewCertificate.
             * @name consilium.v1.SiteService#renewCertificate
             * @type {consilium.v1.SiteService.RenewCertificate}
             */
            $Object.defineProperties(SiteService.prototype.renewCertificate = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, SiteService.prototype.renewCertificate, $root.consilium.v1.RenewCertificateRequest, $root.consilium.v1.SiteCertificate, request, callback);
            }, {
                name: { value: "RenewCertificate" },
                path: { value: "/consilium.v1.SiteService/RenewCertificate" },
                requestType: { value: "RenewCertificateRequest" },
                responseType: { value: "SiteCertificate" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link consilium.v1.SiteService#uploadStatus}.
             * @memberof consilium.v1.SiteService
             * @typedef UploadStatusCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {consilium.v1.UploadStatus} [response] UploadStatus
             */

            /**
             * Calls UploadStatus.
             * @memberof consilium.v1.SiteService
             * @typedef UploadStatus
             * @type {{
             *   (request: consilium.v1.IUploadStatusRequest, callback: consilium.v1.SiteService.UploadStatusCallback): void;
             *   (request: consilium.v1.IUploadStatusRequest): Promise<consilium.v1.UploadStatus>;
             *   readonly name: "UploadStatus";
             *   readonly path: "/consilium.v1.SiteService/UploadStatus";
             *   readonly requestType: "UploadStatusRequest";
             *   readonly responseType: "UploadStatus";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls UploadStatus.
             * @name consilium.v1.SiteService#uploadStatus
             * @type {consilium.v1.SiteService.UploadStatus}
             */
            $Object.defineProperties(SiteService.prototype.uploadStatus = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, SiteService.prototype.uploadStatus, $root.consilium.v1.UploadStatusRequest, $root.consilium.v1.UploadStatus, request, callback);
            }, {
                name: { value: "UploadStatus" },
                path: { value: "/consilium.v1.SiteService/UploadStatus" },
                requestType: { value: "UploadStatusRequest" },
                responseType: { value: "UploadStatus" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            return SiteService;
        })();

        v1.SiteMessage = (function() {

            /**
             * Properties of a SiteMessage.
             * @typedef {Object} consilium.v1.SiteMessage.$Properties
             * @property {consilium.v1.Hello.$Properties|null} [hello] SiteMessage hello
             * @property {consilium.v1.Heartbeat.$Properties|null} [heartbeat] SiteMessage heartbeat
             * @property {consilium.v1.TaskProgress.$Properties|null} [progress] SiteMessage progress
             * @property {consilium.v1.TaskFailure.$Properties|null} [failure] SiteMessage failure
             * @property {consilium.v1.EvaluationResult.$Properties|null} [evaluation] SiteMessage evaluation
             * @property {consilium.v1.Consent.$Properties|null} [consent] SiteMessage consent
             * @property {"hello"|"heartbeat"|"progress"|"failure"|"evaluation"|"consent"} [body] SiteMessage body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SiteMessage.
             * @memberof consilium.v1
             * @interface ISiteMessage
             * @augments consilium.v1.SiteMessage.$Properties
             * @deprecated Use consilium.v1.SiteMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a SiteMessage.
             * @typedef {{
             *   hello?: consilium.v1.Hello.$Shape|null;
             *   heartbeat?: consilium.v1.Heartbeat.$Shape|null;
             *   progress?: consilium.v1.TaskProgress.$Shape|null;
             *   failure?: consilium.v1.TaskFailure.$Shape|null;
             *   evaluation?: consilium.v1.EvaluationResult.$Shape|null;
             *   consent?: consilium.v1.Consent.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "hello"; hello: consilium.v1.Hello.$Shape; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "heartbeat"; hello?: null; heartbeat: consilium.v1.Heartbeat.$Shape; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "progress"; hello?: null; heartbeat?: null; progress: consilium.v1.TaskProgress.$Shape; failure?: null; evaluation?: null; consent?: null }|{ body?: "failure"; hello?: null; heartbeat?: null; progress?: null; failure: consilium.v1.TaskFailure.$Shape; evaluation?: null; consent?: null }|{ body?: "evaluation"; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation: consilium.v1.EvaluationResult.$Shape; consent?: null }|{ body?: "consent"; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent: consilium.v1.Consent.$Shape })
             * )} consilium.v1.SiteMessage.$Shape
             */

            /**
             * Constructs a new SiteMessage.
             * @memberof consilium.v1
             * @classdesc Represents a SiteMessage.
             * @constructor
             * @param {consilium.v1.SiteMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SiteMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SiteMessage hello.
             * @member {consilium.v1.Hello.$Properties|null|undefined} hello
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.hello = null;

            /**
             * SiteMessage heartbeat.
             * @member {consilium.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.heartbeat = null;

            /**
             * SiteMessage progress.
             * @member {consilium.v1.TaskProgress.$Properties|null|undefined} progress
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.progress = null;

            /**
             * SiteMessage failure.
             * @member {consilium.v1.TaskFailure.$Properties|null|undefined} failure
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.failure = null;

            /**
             * SiteMessage evaluation.
             * @member {consilium.v1.EvaluationResult.$Properties|null|undefined} evaluation
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.evaluation = null;

            /**
             * SiteMessage consent.
             * @member {consilium.v1.Consent.$Properties|null|undefined} consent
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            SiteMessage.prototype.consent = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * SiteMessage body.
             * @member {"hello"|"heartbeat"|"progress"|"failure"|"evaluation"|"consent"|undefined} body
             * @memberof consilium.v1.SiteMessage
             * @instance
             */
            $Object.defineProperty(SiteMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "heartbeat", "progress", "failure", "evaluation", "consent"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SiteMessage instance using the specified properties.
             * @function create
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {consilium.v1.SiteMessage.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.SiteMessage} SiteMessage instance
             * @type {{
             *   (properties: consilium.v1.SiteMessage.$Shape): consilium.v1.SiteMessage & consilium.v1.SiteMessage.$Shape;
             *   (properties?: consilium.v1.SiteMessage.$Properties): consilium.v1.SiteMessage;
             * }}
             */
            SiteMessage.create = function(properties) {
                return new SiteMessage(properties);
            };

            /**
             * Encodes the specified SiteMessage message. Does not implicitly {@link consilium.v1.SiteMessage.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {consilium.v1.SiteMessage.$Properties} m SiteMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SiteMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello"))
                    $root.consilium.v1.Hello.encode(m.hello, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.heartbeat != null && $Object.hasOwnProperty.call(m, "heartbeat"))
                    $root.consilium.v1.Heartbeat.encode(m.heartbeat, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.progress != null && $Object.hasOwnProperty.call(m, "progress"))
                    $root.consilium.v1.TaskProgress.encode(m.progress, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure"))
                    $root.consilium.v1.TaskFailure.encode(m.failure, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.evaluation != null && $Object.hasOwnProperty.call(m, "evaluation"))
                    $root.consilium.v1.EvaluationResult.encode(m.evaluation, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.consent != null && $Object.hasOwnProperty.call(m, "consent"))
                    $root.consilium.v1.Consent.encode(m.consent, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SiteMessage message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.SiteMessage & consilium.v1.SiteMessage.$Shape} SiteMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SiteMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.SiteMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.hello = $root.consilium.v1.Hello.decode(r, r.size(), $undefined, q + 1, m.hello);
                            m.body = "hello";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.heartbeat = $root.consilium.v1.Heartbeat.decode(r, r.size(), $undefined, q + 1, m.heartbeat);
                            m.body = "heartbeat";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.progress = $root.consilium.v1.TaskProgress.decode(r, r.size(), $undefined, q + 1, m.progress);
                            m.body = "progress";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.failure = $root.consilium.v1.TaskFailure.decode(r, r.size(), $undefined, q + 1, m.failure);
                            m.body = "failure";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.evaluation = $root.consilium.v1.EvaluationResult.decode(r, r.size(), $undefined, q + 1, m.evaluation);
                            m.body = "evaluation";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.consent = $root.consilium.v1.Consent.decode(r, r.size(), $undefined, q + 1, m.consent);
                            m.body = "consent";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a SiteMessage message.
             * @function verify
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SiteMessage.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello")) {
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.Hello.verify(m.hello, q + 1);
                        if (e)
                            return "hello." + e;
                    }
                }
                if (m.heartbeat != null && $Object.hasOwnProperty.call(m, "heartbeat")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.Heartbeat.verify(m.heartbeat, q + 1);
                        if (e)
                            return "heartbeat." + e;
                    }
                }
                if (m.progress != null && $Object.hasOwnProperty.call(m, "progress")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.TaskProgress.verify(m.progress, q + 1);
                        if (e)
                            return "progress." + e;
                    }
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.TaskFailure.verify(m.failure, q + 1);
                        if (e)
                            return "failure." + e;
                    }
                }
                if (m.evaluation != null && $Object.hasOwnProperty.call(m, "evaluation")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.EvaluationResult.verify(m.evaluation, q + 1);
                        if (e)
                            return "evaluation." + e;
                    }
                }
                if (m.consent != null && $Object.hasOwnProperty.call(m, "consent")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.Consent.verify(m.consent, q + 1);
                        if (e)
                            return "consent." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a SiteMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.SiteMessage} SiteMessage
             */
            SiteMessage.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.SiteMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.SiteMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.SiteMessage();
                if (d.hello != null) {
                    if (!$util.isObject(d.hello))
                        throw $TypeError(".consilium.v1.SiteMessage.hello: object expected");
                    m.hello = $root.consilium.v1.Hello.fromObject(d.hello, q + 1);
                }
                if (d.heartbeat != null) {
                    if (!$util.isObject(d.heartbeat))
                        throw $TypeError(".consilium.v1.SiteMessage.heartbeat: object expected");
                    m.heartbeat = $root.consilium.v1.Heartbeat.fromObject(d.heartbeat, q + 1);
                }
                if (d.progress != null) {
                    if (!$util.isObject(d.progress))
                        throw $TypeError(".consilium.v1.SiteMessage.progress: object expected");
                    m.progress = $root.consilium.v1.TaskProgress.fromObject(d.progress, q + 1);
                }
                if (d.failure != null) {
                    if (!$util.isObject(d.failure))
                        throw $TypeError(".consilium.v1.SiteMessage.failure: object expected");
                    m.failure = $root.consilium.v1.TaskFailure.fromObject(d.failure, q + 1);
                }
                if (d.evaluation != null) {
                    if (!$util.isObject(d.evaluation))
                        throw $TypeError(".consilium.v1.SiteMessage.evaluation: object expected");
                    m.evaluation = $root.consilium.v1.EvaluationResult.fromObject(d.evaluation, q + 1);
                }
                if (d.consent != null) {
                    if (!$util.isObject(d.consent))
                        throw $TypeError(".consilium.v1.SiteMessage.consent: object expected");
                    m.consent = $root.consilium.v1.Consent.fromObject(d.consent, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a SiteMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {consilium.v1.SiteMessage} m SiteMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SiteMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.hello != null && $Object.hasOwnProperty.call(m, "hello")) {
                    d.hello = $root.consilium.v1.Hello.toObject(m.hello, o, q + 1);
                    if (o.oneofs)
                        d.body = "hello";
                }
                if (m.heartbeat != null && $Object.hasOwnProperty.call(m, "heartbeat")) {
                    d.heartbeat = $root.consilium.v1.Heartbeat.toObject(m.heartbeat, o, q + 1);
                    if (o.oneofs)
                        d.body = "heartbeat";
                }
                if (m.progress != null && $Object.hasOwnProperty.call(m, "progress")) {
                    d.progress = $root.consilium.v1.TaskProgress.toObject(m.progress, o, q + 1);
                    if (o.oneofs)
                        d.body = "progress";
                }
                if (m.failure != null && $Object.hasOwnProperty.call(m, "failure")) {
                    d.failure = $root.consilium.v1.TaskFailure.toObject(m.failure, o, q + 1);
                    if (o.oneofs)
                        d.body = "failure";
                }
                if (m.evaluation != null && $Object.hasOwnProperty.call(m, "evaluation")) {
                    d.evaluation = $root.consilium.v1.EvaluationResult.toObject(m.evaluation, o, q + 1);
                    if (o.oneofs)
                        d.body = "evaluation";
                }
                if (m.consent != null && $Object.hasOwnProperty.call(m, "consent")) {
                    d.consent = $root.consilium.v1.Consent.toObject(m.consent, o, q + 1);
                    if (o.oneofs)
                        d.body = "consent";
                }
                return d;
            };

            /**
             * Converts this SiteMessage to JSON.
             * @function toJSON
             * @memberof consilium.v1.SiteMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SiteMessage.prototype.toJSON = function() {
                return SiteMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SiteMessage
             * @function getTypeUrl
             * @memberof consilium.v1.SiteMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SiteMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.SiteMessage";
            };

            return SiteMessage;
        })();

        v1.Consent = (function() {

            /**
             * Properties of a Consent.
             * @typedef {Object} consilium.v1.Consent.$Properties
             * @property {string|null} [runId] Consent runId
             * @property {string|null} [specSha256] Consent specSha256
             * @property {string|null} [state] Consent state
             * @property {string|null} [reason] Consent reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Consent.
             * @memberof consilium.v1
             * @interface IConsent
             * @augments consilium.v1.Consent.$Properties
             * @deprecated Use consilium.v1.Consent.$Properties instead.
             */

            /**
             * Shape of a Consent.
             * @typedef {consilium.v1.Consent.$Properties} consilium.v1.Consent.$Shape
             */

            /**
             * Constructs a new Consent.
             * @memberof consilium.v1
             * @classdesc Represents a Consent.
             * @constructor
             * @param {consilium.v1.Consent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Consent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Consent runId.
             * @member {string} runId
             * @memberof consilium.v1.Consent
             * @instance
             */
            Consent.prototype.runId = "";

            /**
             * Consent specSha256.
             * @member {string} specSha256
             * @memberof consilium.v1.Consent
             * @instance
             */
            Consent.prototype.specSha256 = "";

            /**
             * Consent state.
             * @member {string} state
             * @memberof consilium.v1.Consent
             * @instance
             */
            Consent.prototype.state = "";

            /**
             * Consent reason.
             * @member {string} reason
             * @memberof consilium.v1.Consent
             * @instance
             */
            Consent.prototype.reason = "";

            /**
             * Creates a new Consent instance using the specified properties.
             * @function create
             * @memberof consilium.v1.Consent
             * @static
             * @param {consilium.v1.Consent.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.Consent} Consent instance
             * @type {{
             *   (properties: consilium.v1.Consent.$Shape): consilium.v1.Consent & consilium.v1.Consent.$Shape;
             *   (properties?: consilium.v1.Consent.$Properties): consilium.v1.Consent;
             * }}
             */
            Consent.create = function(properties) {
                return new Consent(properties);
            };

            /**
             * Encodes the specified Consent message. Does not implicitly {@link consilium.v1.Consent.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.Consent
             * @static
             * @param {consilium.v1.Consent.$Properties} m Consent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Consent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256") && m.specSha256 !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.specSha256);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.state);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Consent message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.Consent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.Consent & consilium.v1.Consent.$Shape} Consent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Consent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.Consent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.specSha256 = v;
                            else
                                delete m.specSha256;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a Consent message.
             * @function verify
             * @memberof consilium.v1.Consent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Consent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    if (!$util.isString(m.runId))
                        return "runId: string expected";
                }
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256")) {
                    if (!$util.isString(m.specSha256))
                        return "specSha256: string expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (!$util.isString(m.state))
                        return "state: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a Consent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.Consent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.Consent} Consent
             */
            Consent.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.Consent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.Consent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.Consent();
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.specSha256 != null) {
                    if (typeof d.specSha256 !== "string" || d.specSha256.length) {
                        m.specSha256 = $String(d.specSha256);
                    }
                }
                if (d.state != null) {
                    if (typeof d.state !== "string" || d.state.length) {
                        m.state = $String(d.state);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Consent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.Consent
             * @static
             * @param {consilium.v1.Consent} m Consent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Consent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.runId = "";
                    d.specSha256 = "";
                    d.state = "";
                    d.reason = "";
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256")) {
                    d.specSha256 = m.specSha256;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = m.state;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this Consent to JSON.
             * @function toJSON
             * @memberof consilium.v1.Consent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Consent.prototype.toJSON = function() {
                return Consent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Consent
             * @function getTypeUrl
             * @memberof consilium.v1.Consent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Consent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.Consent";
            };

            return Consent;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} consilium.v1.Hello.$Properties
             * @property {string|null} [siteId] Hello siteId
             * @property {string|null} [agentVersion] Hello agentVersion
             * @property {consilium.v1.TrainingBackend.$Properties|null} [backend] Hello backend
             * @property {consilium.v1.DatasetSummary.$Properties|null} [dataset] Hello dataset
             * @property {string|null} [protocol] Hello protocol
             * @property {string|null} [dataProfileJson] Hello dataProfileJson
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof consilium.v1
             * @interface IHello
             * @augments consilium.v1.Hello.$Properties
             * @deprecated Use consilium.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {consilium.v1.Hello.$Properties} consilium.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof consilium.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {consilium.v1.Hello.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Hello siteId.
             * @member {string} siteId
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.siteId = "";

            /**
             * Hello agentVersion.
             * @member {string} agentVersion
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.agentVersion = "";

            /**
             * Hello backend.
             * @member {consilium.v1.TrainingBackend.$Properties|null|undefined} backend
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.backend = null;

            /**
             * Hello dataset.
             * @member {consilium.v1.DatasetSummary.$Properties|null|undefined} dataset
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.dataset = null;

            /**
             * Hello protocol.
             * @member {string} protocol
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.protocol = "";

            /**
             * Hello dataProfileJson.
             * @member {string} dataProfileJson
             * @memberof consilium.v1.Hello
             * @instance
             */
            Hello.prototype.dataProfileJson = "";

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof consilium.v1.Hello
             * @static
             * @param {consilium.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.Hello} Hello instance
             * @type {{
             *   (properties: consilium.v1.Hello.$Shape): consilium.v1.Hello & consilium.v1.Hello.$Shape;
             *   (properties?: consilium.v1.Hello.$Properties): consilium.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link consilium.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.Hello
             * @static
             * @param {consilium.v1.Hello.$Properties} m Hello message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId") && m.siteId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.siteId);
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion") && m.agentVersion !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.agentVersion);
                if (m.backend != null && $Object.hasOwnProperty.call(m, "backend"))
                    $root.consilium.v1.TrainingBackend.encode(m.backend, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.dataset != null && $Object.hasOwnProperty.call(m, "dataset"))
                    $root.consilium.v1.DatasetSummary.encode(m.dataset, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.protocol != null && $Object.hasOwnProperty.call(m, "protocol") && m.protocol !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.protocol);
                if (m.dataProfileJson != null && $Object.hasOwnProperty.call(m, "dataProfileJson") && m.dataProfileJson !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.dataProfileJson);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.Hello & consilium.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.Hello();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.siteId = v;
                            else
                                delete m.siteId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.agentVersion = v;
                            else
                                delete m.agentVersion;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.backend = $root.consilium.v1.TrainingBackend.decode(r, r.size(), $undefined, q + 1, m.backend);
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.dataset = $root.consilium.v1.DatasetSummary.decode(r, r.size(), $undefined, q + 1, m.dataset);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.protocol = v;
                            else
                                delete m.protocol;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dataProfileJson = v;
                            else
                                delete m.dataProfileJson;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a Hello message.
             * @function verify
             * @memberof consilium.v1.Hello
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Hello.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId")) {
                    if (!$util.isString(m.siteId))
                        return "siteId: string expected";
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    if (!$util.isString(m.agentVersion))
                        return "agentVersion: string expected";
                }
                if (m.backend != null && $Object.hasOwnProperty.call(m, "backend")) {
                    {
                        var e = $root.consilium.v1.TrainingBackend.verify(m.backend, q + 1);
                        if (e)
                            return "backend." + e;
                    }
                }
                if (m.dataset != null && $Object.hasOwnProperty.call(m, "dataset")) {
                    {
                        var e = $root.consilium.v1.DatasetSummary.verify(m.dataset, q + 1);
                        if (e)
                            return "dataset." + e;
                    }
                }
                if (m.protocol != null && $Object.hasOwnProperty.call(m, "protocol")) {
                    if (!$util.isString(m.protocol))
                        return "protocol: string expected";
                }
                if (m.dataProfileJson != null && $Object.hasOwnProperty.call(m, "dataProfileJson")) {
                    if (!$util.isString(m.dataProfileJson))
                        return "dataProfileJson: string expected";
                }
                return null;
            };

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.Hello
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.Hello} Hello
             */
            Hello.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.Hello)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.Hello: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.Hello();
                if (d.siteId != null) {
                    if (typeof d.siteId !== "string" || d.siteId.length) {
                        m.siteId = $String(d.siteId);
                    }
                }
                if (d.agentVersion != null) {
                    if (typeof d.agentVersion !== "string" || d.agentVersion.length) {
                        m.agentVersion = $String(d.agentVersion);
                    }
                }
                if (d.backend != null) {
                    if (!$util.isObject(d.backend))
                        throw $TypeError(".consilium.v1.Hello.backend: object expected");
                    m.backend = $root.consilium.v1.TrainingBackend.fromObject(d.backend, q + 1);
                }
                if (d.dataset != null) {
                    if (!$util.isObject(d.dataset))
                        throw $TypeError(".consilium.v1.Hello.dataset: object expected");
                    m.dataset = $root.consilium.v1.DatasetSummary.fromObject(d.dataset, q + 1);
                }
                if (d.protocol != null) {
                    if (typeof d.protocol !== "string" || d.protocol.length) {
                        m.protocol = $String(d.protocol);
                    }
                }
                if (d.dataProfileJson != null) {
                    if (typeof d.dataProfileJson !== "string" || d.dataProfileJson.length) {
                        m.dataProfileJson = $String(d.dataProfileJson);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.Hello
             * @static
             * @param {consilium.v1.Hello} m Hello
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Hello.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.siteId = "";
                    d.agentVersion = "";
                    d.backend = null;
                    d.dataset = null;
                    d.protocol = "";
                    d.dataProfileJson = "";
                }
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId")) {
                    d.siteId = m.siteId;
                }
                if (m.agentVersion != null && $Object.hasOwnProperty.call(m, "agentVersion")) {
                    d.agentVersion = m.agentVersion;
                }
                if (m.backend != null && $Object.hasOwnProperty.call(m, "backend")) {
                    d.backend = $root.consilium.v1.TrainingBackend.toObject(m.backend, o, q + 1);
                }
                if (m.dataset != null && $Object.hasOwnProperty.call(m, "dataset")) {
                    d.dataset = $root.consilium.v1.DatasetSummary.toObject(m.dataset, o, q + 1);
                }
                if (m.protocol != null && $Object.hasOwnProperty.call(m, "protocol")) {
                    d.protocol = m.protocol;
                }
                if (m.dataProfileJson != null && $Object.hasOwnProperty.call(m, "dataProfileJson")) {
                    d.dataProfileJson = m.dataProfileJson;
                }
                return d;
            };

            /**
             * Converts this Hello to JSON.
             * @function toJSON
             * @memberof consilium.v1.Hello
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Hello.prototype.toJSON = function() {
                return Hello.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Hello
             * @function getTypeUrl
             * @memberof consilium.v1.Hello
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Hello.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.Hello";
            };

            return Hello;
        })();

        v1.TrainingBackend = (function() {

            /**
             * Properties of a TrainingBackend.
             * @typedef {Object} consilium.v1.TrainingBackend.$Properties
             * @property {string|null} [name] TrainingBackend name
             * @property {string|null} [device] TrainingBackend device
             * @property {Array.<string>|null} [notes] TrainingBackend notes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TrainingBackend.
             * @memberof consilium.v1
             * @interface ITrainingBackend
             * @augments consilium.v1.TrainingBackend.$Properties
             * @deprecated Use consilium.v1.TrainingBackend.$Properties instead.
             */

            /**
             * Shape of a TrainingBackend.
             * @typedef {consilium.v1.TrainingBackend.$Properties} consilium.v1.TrainingBackend.$Shape
             */

            /**
             * Constructs a new TrainingBackend.
             * @memberof consilium.v1
             * @classdesc Represents a TrainingBackend.
             * @constructor
             * @param {consilium.v1.TrainingBackend.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TrainingBackend = function (p) {
                this.notes = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TrainingBackend name.
             * @member {string} name
             * @memberof consilium.v1.TrainingBackend
             * @instance
             */
            TrainingBackend.prototype.name = "";

            /**
             * TrainingBackend device.
             * @member {string} device
             * @memberof consilium.v1.TrainingBackend
             * @instance
             */
            TrainingBackend.prototype.device = "";

            /**
             * TrainingBackend notes.
             * @member {Array.<string>} notes
             * @memberof consilium.v1.TrainingBackend
             * @instance
             */
            TrainingBackend.prototype.notes = $util.emptyArray;

            /**
             * Creates a new TrainingBackend instance using the specified properties.
             * @function create
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {consilium.v1.TrainingBackend.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.TrainingBackend} TrainingBackend instance
             * @type {{
             *   (properties: consilium.v1.TrainingBackend.$Shape): consilium.v1.TrainingBackend & consilium.v1.TrainingBackend.$Shape;
             *   (properties?: consilium.v1.TrainingBackend.$Properties): consilium.v1.TrainingBackend;
             * }}
             */
            TrainingBackend.create = function(properties) {
                return new TrainingBackend(properties);
            };

            /**
             * Encodes the specified TrainingBackend message. Does not implicitly {@link consilium.v1.TrainingBackend.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {consilium.v1.TrainingBackend.$Properties} m TrainingBackend message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TrainingBackend.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.device != null && $Object.hasOwnProperty.call(m, "device") && m.device !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.device);
                if (m.notes != null && m.notes.length) {
                    for (var i = 0; i < m.notes.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.notes[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TrainingBackend message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.TrainingBackend & consilium.v1.TrainingBackend.$Shape} TrainingBackend
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TrainingBackend.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.TrainingBackend();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.device = v;
                            else
                                delete m.device;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.notes && m.notes.length))
                                m.notes = [];
                            m.notes.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a TrainingBackend message.
             * @function verify
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TrainingBackend.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.device != null && $Object.hasOwnProperty.call(m, "device")) {
                    if (!$util.isString(m.device))
                        return "device: string expected";
                }
                if (m.notes != null && $Object.hasOwnProperty.call(m, "notes")) {
                    if (!$Array.isArray(m.notes))
                        return "notes: array expected";
                    for (var i = 0; i < m.notes.length; ++i) {
                        if (!$util.isString(m.notes[i]))
                            return "notes: string[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a TrainingBackend message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.TrainingBackend} TrainingBackend
             */
            TrainingBackend.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.TrainingBackend)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.TrainingBackend: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.TrainingBackend();
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.device != null) {
                    if (typeof d.device !== "string" || d.device.length) {
                        m.device = $String(d.device);
                    }
                }
                if (d.notes) {
                    if (!$Array.isArray(d.notes))
                        throw $TypeError(".consilium.v1.TrainingBackend.notes: array expected");
                    m.notes = $Array(d.notes.length);
                    for (var i = 0; i < d.notes.length; ++i) {
                        m.notes[i] = $String(d.notes[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TrainingBackend message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {consilium.v1.TrainingBackend} m TrainingBackend
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TrainingBackend.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.notes = [];
                }
                if (o.defaults) {
                    d.name = "";
                    d.device = "";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.device != null && $Object.hasOwnProperty.call(m, "device")) {
                    d.device = m.device;
                }
                if (m.notes && m.notes.length) {
                    d.notes = $Array(m.notes.length);
                    for (var j = 0; j < m.notes.length; ++j) {
                        d.notes[j] = m.notes[j];
                    }
                }
                return d;
            };

            /**
             * Converts this TrainingBackend to JSON.
             * @function toJSON
             * @memberof consilium.v1.TrainingBackend
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TrainingBackend.prototype.toJSON = function() {
                return TrainingBackend.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TrainingBackend
             * @function getTypeUrl
             * @memberof consilium.v1.TrainingBackend
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TrainingBackend.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.TrainingBackend";
            };

            return TrainingBackend;
        })();

        v1.DatasetSummary = (function() {

            /**
             * Properties of a DatasetSummary.
             * @typedef {Object} consilium.v1.DatasetSummary.$Properties
             * @property {string|null} [kind] DatasetSummary kind
             * @property {number|null} [trainSamples] DatasetSummary trainSamples
             * @property {number|null} [validationSamples] DatasetSummary validationSamples
             * @property {Array.<string>|null} [classes] DatasetSummary classes
             * @property {Array.<number>|null} [classCounts] DatasetSummary classCounts
             * @property {Array.<number>|null} [inputShape] DatasetSummary inputShape
             * @property {number|null} [skippedFiles] DatasetSummary skippedFiles
             * @property {string|null} [fingerprint] DatasetSummary fingerprint
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DatasetSummary.
             * @memberof consilium.v1
             * @interface IDatasetSummary
             * @augments consilium.v1.DatasetSummary.$Properties
             * @deprecated Use consilium.v1.DatasetSummary.$Properties instead.
             */

            /**
             * Shape of a DatasetSummary.
             * @typedef {consilium.v1.DatasetSummary.$Properties} consilium.v1.DatasetSummary.$Shape
             */

            /**
             * Constructs a new DatasetSummary.
             * @memberof consilium.v1
             * @classdesc Represents a DatasetSummary.
             * @constructor
             * @param {consilium.v1.DatasetSummary.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DatasetSummary = function (p) {
                this.classes = [];
                this.classCounts = [];
                this.inputShape = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DatasetSummary kind.
             * @member {string} kind
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.kind = "";

            /**
             * DatasetSummary trainSamples.
             * @member {number} trainSamples
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.trainSamples = 0;

            /**
             * DatasetSummary validationSamples.
             * @member {number} validationSamples
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.validationSamples = 0;

            /**
             * DatasetSummary classes.
             * @member {Array.<string>} classes
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.classes = $util.emptyArray;

            /**
             * DatasetSummary classCounts.
             * @member {Array.<number>} classCounts
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.classCounts = $util.emptyArray;

            /**
             * DatasetSummary inputShape.
             * @member {Array.<number>} inputShape
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.inputShape = $util.emptyArray;

            /**
             * DatasetSummary skippedFiles.
             * @member {number} skippedFiles
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.skippedFiles = 0;

            /**
             * DatasetSummary fingerprint.
             * @member {string} fingerprint
             * @memberof consilium.v1.DatasetSummary
             * @instance
             */
            DatasetSummary.prototype.fingerprint = "";

            /**
             * Creates a new DatasetSummary instance using the specified properties.
             * @function create
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {consilium.v1.DatasetSummary.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.DatasetSummary} DatasetSummary instance
             * @type {{
             *   (properties: consilium.v1.DatasetSummary.$Shape): consilium.v1.DatasetSummary & consilium.v1.DatasetSummary.$Shape;
             *   (properties?: consilium.v1.DatasetSummary.$Properties): consilium.v1.DatasetSummary;
             * }}
             */
            DatasetSummary.create = function(properties) {
                return new DatasetSummary(properties);
            };

            /**
             * Encodes the specified DatasetSummary message. Does not implicitly {@link consilium.v1.DatasetSummary.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {consilium.v1.DatasetSummary.$Properties} m DatasetSummary message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetSummary.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.kind);
                if (m.trainSamples != null && $Object.hasOwnProperty.call(m, "trainSamples") && m.trainSamples !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.trainSamples);
                if (m.validationSamples != null && $Object.hasOwnProperty.call(m, "validationSamples") && m.validationSamples !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.validationSamples);
                if (m.classes != null && m.classes.length) {
                    for (var i = 0; i < m.classes.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.classes[i]);
                }
                if (m.classCounts != null && m.classCounts.length) {
                    w.uint32(/* id 5, wireType 2 =*/42).uint32s(m.classCounts);
                }
                if (m.inputShape != null && m.inputShape.length) {
                    w.uint32(/* id 6, wireType 2 =*/50).uint32s(m.inputShape);
                }
                if (m.skippedFiles != null && $Object.hasOwnProperty.call(m, "skippedFiles") && m.skippedFiles !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.skippedFiles);
                if (m.fingerprint != null && $Object.hasOwnProperty.call(m, "fingerprint") && m.fingerprint !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.fingerprint);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DatasetSummary message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.DatasetSummary & consilium.v1.DatasetSummary.$Shape} DatasetSummary
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetSummary.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.DatasetSummary();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.trainSamples = v;
                            else
                                delete m.trainSamples;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.validationSamples = v;
                            else
                                delete m.validationSamples;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.classes && m.classes.length))
                                m.classes = [];
                            m.classes.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u === 2) {
                                if (!(m.classCounts && m.classCounts.length))
                                    m.classCounts = [];
                                r.uint32s(m.classCounts);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.classCounts && m.classCounts.length))
                                m.classCounts = [];
                            m.classCounts.push(r.uint32());
                            continue;
                        }
                    case 6: {
                            if (u === 2) {
                                if (!(m.inputShape && m.inputShape.length))
                                    m.inputShape = [];
                                r.uint32s(m.inputShape);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.inputShape && m.inputShape.length))
                                m.inputShape = [];
                            m.inputShape.push(r.uint32());
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.skippedFiles = v;
                            else
                                delete m.skippedFiles;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fingerprint = v;
                            else
                                delete m.fingerprint;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a DatasetSummary message.
             * @function verify
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DatasetSummary.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    if (!$util.isString(m.kind))
                        return "kind: string expected";
                }
                if (m.trainSamples != null && $Object.hasOwnProperty.call(m, "trainSamples")) {
                    if (!$util.isInteger(m.trainSamples))
                        return "trainSamples: integer expected";
                }
                if (m.validationSamples != null && $Object.hasOwnProperty.call(m, "validationSamples")) {
                    if (!$util.isInteger(m.validationSamples))
                        return "validationSamples: integer expected";
                }
                if (m.classes != null && $Object.hasOwnProperty.call(m, "classes")) {
                    if (!$Array.isArray(m.classes))
                        return "classes: array expected";
                    for (var i = 0; i < m.classes.length; ++i) {
                        if (!$util.isString(m.classes[i]))
                            return "classes: string[] expected";
                    }
                }
                if (m.classCounts != null && $Object.hasOwnProperty.call(m, "classCounts")) {
                    if (!$Array.isArray(m.classCounts))
                        return "classCounts: array expected";
                    for (var i = 0; i < m.classCounts.length; ++i) {
                        if (!$util.isInteger(m.classCounts[i]))
                            return "classCounts: integer[] expected";
                    }
                }
                if (m.inputShape != null && $Object.hasOwnProperty.call(m, "inputShape")) {
                    if (!$Array.isArray(m.inputShape))
                        return "inputShape: array expected";
                    for (var i = 0; i < m.inputShape.length; ++i) {
                        if (!$util.isInteger(m.inputShape[i]))
                            return "inputShape: integer[] expected";
                    }
                }
                if (m.skippedFiles != null && $Object.hasOwnProperty.call(m, "skippedFiles")) {
                    if (!$util.isInteger(m.skippedFiles))
                        return "skippedFiles: integer expected";
                }
                if (m.fingerprint != null && $Object.hasOwnProperty.call(m, "fingerprint")) {
                    if (!$util.isString(m.fingerprint))
                        return "fingerprint: string expected";
                }
                return null;
            };

            /**
             * Creates a DatasetSummary message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.DatasetSummary} DatasetSummary
             */
            DatasetSummary.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.DatasetSummary)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.DatasetSummary: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.DatasetSummary();
                if (d.kind != null) {
                    if (typeof d.kind !== "string" || d.kind.length) {
                        m.kind = $String(d.kind);
                    }
                }
                if (d.trainSamples != null) {
                    if ($Number(d.trainSamples) !== 0) {
                        m.trainSamples = d.trainSamples >>> 0;
                    }
                }
                if (d.validationSamples != null) {
                    if ($Number(d.validationSamples) !== 0) {
                        m.validationSamples = d.validationSamples >>> 0;
                    }
                }
                if (d.classes) {
                    if (!$Array.isArray(d.classes))
                        throw $TypeError(".consilium.v1.DatasetSummary.classes: array expected");
                    m.classes = $Array(d.classes.length);
                    for (var i = 0; i < d.classes.length; ++i) {
                        m.classes[i] = $String(d.classes[i]);
                    }
                }
                if (d.classCounts) {
                    if (!$Array.isArray(d.classCounts))
                        throw $TypeError(".consilium.v1.DatasetSummary.classCounts: array expected");
                    m.classCounts = $Array(d.classCounts.length);
                    for (var i = 0; i < d.classCounts.length; ++i) {
                        m.classCounts[i] = d.classCounts[i] >>> 0;
                    }
                }
                if (d.inputShape) {
                    if (!$Array.isArray(d.inputShape))
                        throw $TypeError(".consilium.v1.DatasetSummary.inputShape: array expected");
                    m.inputShape = $Array(d.inputShape.length);
                    for (var i = 0; i < d.inputShape.length; ++i) {
                        m.inputShape[i] = d.inputShape[i] >>> 0;
                    }
                }
                if (d.skippedFiles != null) {
                    if ($Number(d.skippedFiles) !== 0) {
                        m.skippedFiles = d.skippedFiles >>> 0;
                    }
                }
                if (d.fingerprint != null) {
                    if (typeof d.fingerprint !== "string" || d.fingerprint.length) {
                        m.fingerprint = $String(d.fingerprint);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DatasetSummary message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {consilium.v1.DatasetSummary} m DatasetSummary
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DatasetSummary.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.classes = [];
                    d.classCounts = [];
                    d.inputShape = [];
                }
                if (o.defaults) {
                    d.kind = "";
                    d.trainSamples = 0;
                    d.validationSamples = 0;
                    d.skippedFiles = 0;
                    d.fingerprint = "";
                }
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    d.kind = m.kind;
                }
                if (m.trainSamples != null && $Object.hasOwnProperty.call(m, "trainSamples")) {
                    d.trainSamples = m.trainSamples;
                }
                if (m.validationSamples != null && $Object.hasOwnProperty.call(m, "validationSamples")) {
                    d.validationSamples = m.validationSamples;
                }
                if (m.classes && m.classes.length) {
                    d.classes = $Array(m.classes.length);
                    for (var j = 0; j < m.classes.length; ++j) {
                        d.classes[j] = m.classes[j];
                    }
                }
                if (m.classCounts && m.classCounts.length) {
                    d.classCounts = $Array(m.classCounts.length);
                    for (var j = 0; j < m.classCounts.length; ++j) {
                        d.classCounts[j] = m.classCounts[j];
                    }
                }
                if (m.inputShape && m.inputShape.length) {
                    d.inputShape = $Array(m.inputShape.length);
                    for (var j = 0; j < m.inputShape.length; ++j) {
                        d.inputShape[j] = m.inputShape[j];
                    }
                }
                if (m.skippedFiles != null && $Object.hasOwnProperty.call(m, "skippedFiles")) {
                    d.skippedFiles = m.skippedFiles;
                }
                if (m.fingerprint != null && $Object.hasOwnProperty.call(m, "fingerprint")) {
                    d.fingerprint = m.fingerprint;
                }
                return d;
            };

            /**
             * Converts this DatasetSummary to JSON.
             * @function toJSON
             * @memberof consilium.v1.DatasetSummary
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DatasetSummary.prototype.toJSON = function() {
                return DatasetSummary.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DatasetSummary
             * @function getTypeUrl
             * @memberof consilium.v1.DatasetSummary
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DatasetSummary.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.DatasetSummary";
            };

            return DatasetSummary;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} consilium.v1.Heartbeat.$Properties
             * @property {number|null} [sentAtUnixMs] Heartbeat sentAtUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof consilium.v1
             * @interface IHeartbeat
             * @augments consilium.v1.Heartbeat.$Properties
             * @deprecated Use consilium.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {consilium.v1.Heartbeat.$Properties} consilium.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof consilium.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {consilium.v1.Heartbeat.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Heartbeat sentAtUnixMs.
             * @member {number} sentAtUnixMs
             * @memberof consilium.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.sentAtUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {consilium.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: consilium.v1.Heartbeat.$Shape): consilium.v1.Heartbeat & consilium.v1.Heartbeat.$Shape;
             *   (properties?: consilium.v1.Heartbeat.$Properties): consilium.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link consilium.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {consilium.v1.Heartbeat.$Properties} m Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sentAtUnixMs != null && $Object.hasOwnProperty.call(m, "sentAtUnixMs") && (typeof m.sentAtUnixMs === "object" ? m.sentAtUnixMs.low || m.sentAtUnixMs.high : m.sentAtUnixMs !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.sentAtUnixMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.Heartbeat & consilium.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.Heartbeat();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.sentAtUnixMs = v;
                            else
                                delete m.sentAtUnixMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a Heartbeat message.
             * @function verify
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Heartbeat.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sentAtUnixMs != null && $Object.hasOwnProperty.call(m, "sentAtUnixMs")) {
                    if (!$util.isInteger(m.sentAtUnixMs) && !(m.sentAtUnixMs && $util.isInteger(m.sentAtUnixMs.low) && $util.isInteger(m.sentAtUnixMs.high)))
                        return "sentAtUnixMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.Heartbeat)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.Heartbeat: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.Heartbeat();
                if (d.sentAtUnixMs != null) {
                    if (typeof d.sentAtUnixMs === "object" ? d.sentAtUnixMs.low || d.sentAtUnixMs.high : $Number(d.sentAtUnixMs) !== 0) {
                        if ($util.Long)
                            m.sentAtUnixMs = $util.Long.fromValue(d.sentAtUnixMs, true);
                        else if (typeof d.sentAtUnixMs === "string")
                            m.sentAtUnixMs = $parseInt(d.sentAtUnixMs, 10);
                        else if (typeof d.sentAtUnixMs === "number")
                            m.sentAtUnixMs = d.sentAtUnixMs;
                        else if (typeof d.sentAtUnixMs === "object")
                            m.sentAtUnixMs = new $util.LongBits(d.sentAtUnixMs.low >>> 0, d.sentAtUnixMs.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {consilium.v1.Heartbeat} m Heartbeat
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.sentAtUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sentAtUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.sentAtUnixMs != null && $Object.hasOwnProperty.call(m, "sentAtUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sentAtUnixMs = typeof m.sentAtUnixMs === "number" ? $BigInt(m.sentAtUnixMs) : $util.Long.fromBits(m.sentAtUnixMs.low >>> 0, m.sentAtUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.sentAtUnixMs === "number")
                        d.sentAtUnixMs = o.longs === $String ? $String(m.sentAtUnixMs) : m.sentAtUnixMs;
                    else
                        d.sentAtUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.sentAtUnixMs) : o.longs === $Number ? new $util.LongBits(m.sentAtUnixMs.low >>> 0, m.sentAtUnixMs.high >>> 0).toNumber(true) : m.sentAtUnixMs;
                }
                return d;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof consilium.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof consilium.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.TaskProgress = (function() {

            /**
             * Properties of a TaskProgress.
             * @typedef {Object} consilium.v1.TaskProgress.$Properties
             * @property {string|null} [taskId] TaskProgress taskId
             * @property {string|null} [phase] TaskProgress phase
             * @property {number|null} [epoch] TaskProgress epoch
             * @property {number|null} [epochs] TaskProgress epochs
             * @property {number|null} [fraction] TaskProgress fraction
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TaskProgress.
             * @memberof consilium.v1
             * @interface ITaskProgress
             * @augments consilium.v1.TaskProgress.$Properties
             * @deprecated Use consilium.v1.TaskProgress.$Properties instead.
             */

            /**
             * Shape of a TaskProgress.
             * @typedef {consilium.v1.TaskProgress.$Properties} consilium.v1.TaskProgress.$Shape
             */

            /**
             * Constructs a new TaskProgress.
             * @memberof consilium.v1
             * @classdesc Represents a TaskProgress.
             * @constructor
             * @param {consilium.v1.TaskProgress.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TaskProgress = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TaskProgress taskId.
             * @member {string} taskId
             * @memberof consilium.v1.TaskProgress
             * @instance
             */
            TaskProgress.prototype.taskId = "";

            /**
             * TaskProgress phase.
             * @member {string} phase
             * @memberof consilium.v1.TaskProgress
             * @instance
             */
            TaskProgress.prototype.phase = "";

            /**
             * TaskProgress epoch.
             * @member {number} epoch
             * @memberof consilium.v1.TaskProgress
             * @instance
             */
            TaskProgress.prototype.epoch = 0;

            /**
             * TaskProgress epochs.
             * @member {number} epochs
             * @memberof consilium.v1.TaskProgress
             * @instance
             */
            TaskProgress.prototype.epochs = 0;

            /**
             * TaskProgress fraction.
             * @member {number} fraction
             * @memberof consilium.v1.TaskProgress
             * @instance
             */
            TaskProgress.prototype.fraction = 0;

            /**
             * Creates a new TaskProgress instance using the specified properties.
             * @function create
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {consilium.v1.TaskProgress.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.TaskProgress} TaskProgress instance
             * @type {{
             *   (properties: consilium.v1.TaskProgress.$Shape): consilium.v1.TaskProgress & consilium.v1.TaskProgress.$Shape;
             *   (properties?: consilium.v1.TaskProgress.$Properties): consilium.v1.TaskProgress;
             * }}
             */
            TaskProgress.create = function(properties) {
                return new TaskProgress(properties);
            };

            /**
             * Encodes the specified TaskProgress message. Does not implicitly {@link consilium.v1.TaskProgress.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {consilium.v1.TaskProgress.$Properties} m TaskProgress message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TaskProgress.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase") && m.phase !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.phase);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && m.epoch !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.epoch);
                if (m.epochs != null && $Object.hasOwnProperty.call(m, "epochs") && m.epochs !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.epochs);
                if (m.fraction != null && $Object.hasOwnProperty.call(m, "fraction") && !$Object.is(m.fraction, 0))
                    w.uint32(/* id 5, wireType 5 =*/45).float(m.fraction);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TaskProgress message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.TaskProgress & consilium.v1.TaskProgress.$Shape} TaskProgress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TaskProgress.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.TaskProgress();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.phase = v;
                            else
                                delete m.phase;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.epochs = v;
                            else
                                delete m.epochs;
                            continue;
                        }
                    case 5: {
                            if (u !== 5)
                                break;
                            if (!$Object.is(v = r.float(), 0))
                                m.fraction = v;
                            else
                                delete m.fraction;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a TaskProgress message.
             * @function verify
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TaskProgress.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase")) {
                    if (!$util.isString(m.phase))
                        return "phase: string expected";
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (!$util.isInteger(m.epoch))
                        return "epoch: integer expected";
                }
                if (m.epochs != null && $Object.hasOwnProperty.call(m, "epochs")) {
                    if (!$util.isInteger(m.epochs))
                        return "epochs: integer expected";
                }
                if (m.fraction != null && $Object.hasOwnProperty.call(m, "fraction")) {
                    if (typeof m.fraction !== "number")
                        return "fraction: number expected";
                }
                return null;
            };

            /**
             * Creates a TaskProgress message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.TaskProgress} TaskProgress
             */
            TaskProgress.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.TaskProgress)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.TaskProgress: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.TaskProgress();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.phase != null) {
                    if (typeof d.phase !== "string" || d.phase.length) {
                        m.phase = $String(d.phase);
                    }
                }
                if (d.epoch != null) {
                    if ($Number(d.epoch) !== 0) {
                        m.epoch = d.epoch >>> 0;
                    }
                }
                if (d.epochs != null) {
                    if ($Number(d.epochs) !== 0) {
                        m.epochs = d.epochs >>> 0;
                    }
                }
                if (d.fraction != null) {
                    if (!$Object.is($Number(d.fraction), 0)) {
                        m.fraction = $Number(d.fraction);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TaskProgress message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {consilium.v1.TaskProgress} m TaskProgress
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TaskProgress.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.taskId = "";
                    d.phase = "";
                    d.epoch = 0;
                    d.epochs = 0;
                    d.fraction = 0;
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.phase != null && $Object.hasOwnProperty.call(m, "phase")) {
                    d.phase = m.phase;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    d.epoch = m.epoch;
                }
                if (m.epochs != null && $Object.hasOwnProperty.call(m, "epochs")) {
                    d.epochs = m.epochs;
                }
                if (m.fraction != null && $Object.hasOwnProperty.call(m, "fraction")) {
                    d.fraction = o.json && !$isFinite(m.fraction) ? $String(m.fraction) : m.fraction;
                }
                return d;
            };

            /**
             * Converts this TaskProgress to JSON.
             * @function toJSON
             * @memberof consilium.v1.TaskProgress
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TaskProgress.prototype.toJSON = function() {
                return TaskProgress.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TaskProgress
             * @function getTypeUrl
             * @memberof consilium.v1.TaskProgress
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TaskProgress.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.TaskProgress";
            };

            return TaskProgress;
        })();

        v1.EvaluationResult = (function() {

            /**
             * Properties of an EvaluationResult.
             * @typedef {Object} consilium.v1.EvaluationResult.$Properties
             * @property {string|null} [taskId] EvaluationResult taskId
             * @property {number|null} [sampleCount] EvaluationResult sampleCount
             * @property {Object.<string,number>|null} [metrics] EvaluationResult metrics
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvaluationResult.
             * @memberof consilium.v1
             * @interface IEvaluationResult
             * @augments consilium.v1.EvaluationResult.$Properties
             * @deprecated Use consilium.v1.EvaluationResult.$Properties instead.
             */

            /**
             * Shape of an EvaluationResult.
             * @typedef {consilium.v1.EvaluationResult.$Properties} consilium.v1.EvaluationResult.$Shape
             */

            /**
             * Constructs a new EvaluationResult.
             * @memberof consilium.v1
             * @classdesc Represents an EvaluationResult.
             * @constructor
             * @param {consilium.v1.EvaluationResult.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EvaluationResult = function (p) {
                this.metrics = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EvaluationResult taskId.
             * @member {string} taskId
             * @memberof consilium.v1.EvaluationResult
             * @instance
             */
            EvaluationResult.prototype.taskId = "";

            /**
             * EvaluationResult sampleCount.
             * @member {number} sampleCount
             * @memberof consilium.v1.EvaluationResult
             * @instance
             */
            EvaluationResult.prototype.sampleCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * EvaluationResult metrics.
             * @member {Object.<string,number>} metrics
             * @memberof consilium.v1.EvaluationResult
             * @instance
             */
            EvaluationResult.prototype.metrics = $util.emptyObject;

            /**
             * Creates a new EvaluationResult instance using the specified properties.
             * @function create
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {consilium.v1.EvaluationResult.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.EvaluationResult} EvaluationResult instance
             * @type {{
             *   (properties: consilium.v1.EvaluationResult.$Shape): consilium.v1.EvaluationResult & consilium.v1.EvaluationResult.$Shape;
             *   (properties?: consilium.v1.EvaluationResult.$Properties): consilium.v1.EvaluationResult;
             * }}
             */
            EvaluationResult.create = function(properties) {
                return new EvaluationResult(properties);
            };

            /**
             * Encodes the specified EvaluationResult message. Does not implicitly {@link consilium.v1.EvaluationResult.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {consilium.v1.EvaluationResult.$Properties} m EvaluationResult message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvaluationResult.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount") && (typeof m.sampleCount === "object" ? m.sampleCount.low || m.sampleCount.high : m.sampleCount !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.sampleCount);
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    for (var ks = $Object.keys(m.metrics), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.metrics[ks[i]]).ldelim();
                    }
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an EvaluationResult message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.EvaluationResult & consilium.v1.EvaluationResult.$Shape} EvaluationResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvaluationResult.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.EvaluationResult();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.sampleCount = v;
                            else
                                delete m.sampleCount;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (m.metrics === $util.emptyObject)
                                m.metrics = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.metrics, k);
                            m.metrics[k] = v;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an EvaluationResult message.
             * @function verify
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EvaluationResult.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount")) {
                    if (!$util.isInteger(m.sampleCount) && !(m.sampleCount && $util.isInteger(m.sampleCount.low) && $util.isInteger(m.sampleCount.high)))
                        return "sampleCount: integer|Long expected";
                }
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    if (!$util.isObject(m.metrics))
                        return "metrics: object expected";
                    var k = $Object.keys(m.metrics);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.metrics[k[i]] !== "number")
                            return "metrics: number{k:string} expected";
                    }
                }
                return null;
            };

            /**
             * Creates an EvaluationResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.EvaluationResult} EvaluationResult
             */
            EvaluationResult.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.EvaluationResult)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.EvaluationResult: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.EvaluationResult();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.sampleCount != null) {
                    if (typeof d.sampleCount === "object" ? d.sampleCount.low || d.sampleCount.high : $Number(d.sampleCount) !== 0) {
                        if ($util.Long)
                            m.sampleCount = $util.Long.fromValue(d.sampleCount, true);
                        else if (typeof d.sampleCount === "string")
                            m.sampleCount = $parseInt(d.sampleCount, 10);
                        else if (typeof d.sampleCount === "number")
                            m.sampleCount = d.sampleCount;
                        else if (typeof d.sampleCount === "object")
                            m.sampleCount = new $util.LongBits(d.sampleCount.low >>> 0, d.sampleCount.high >>> 0).toNumber(true);
                    }
                }
                if (d.metrics) {
                    if (!$util.isObject(d.metrics))
                        throw $TypeError(".consilium.v1.EvaluationResult.metrics: object expected");
                    m.metrics = {};
                    for (var ks = $Object.keys(d.metrics), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.metrics, ks[i]);
                        m.metrics[ks[i]] = $Number(d.metrics[ks[i]]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an EvaluationResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {consilium.v1.EvaluationResult} m EvaluationResult
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvaluationResult.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.metrics = {};
                }
                if (o.defaults) {
                    d.taskId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.sampleCount = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sampleCount = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sampleCount = typeof m.sampleCount === "number" ? $BigInt(m.sampleCount) : $util.Long.fromBits(m.sampleCount.low >>> 0, m.sampleCount.high >>> 0, true).toBigInt();
                    else if (typeof m.sampleCount === "number")
                        d.sampleCount = o.longs === $String ? $String(m.sampleCount) : m.sampleCount;
                    else
                        d.sampleCount = o.longs === $String ? $util.Long.prototype.toString.call(m.sampleCount) : o.longs === $Number ? new $util.LongBits(m.sampleCount.low >>> 0, m.sampleCount.high >>> 0).toNumber(true) : m.sampleCount;
                }
                var ks2;
                if (m.metrics && (ks2 = $Object.keys(m.metrics)).length) {
                    d.metrics = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.metrics, ks2[j]);
                        d.metrics[ks2[j]] = o.json && !$isFinite(m.metrics[ks2[j]]) ? $String(m.metrics[ks2[j]]) : m.metrics[ks2[j]];
                    }
                }
                return d;
            };

            /**
             * Converts this EvaluationResult to JSON.
             * @function toJSON
             * @memberof consilium.v1.EvaluationResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvaluationResult.prototype.toJSON = function() {
                return EvaluationResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EvaluationResult
             * @function getTypeUrl
             * @memberof consilium.v1.EvaluationResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvaluationResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.EvaluationResult";
            };

            return EvaluationResult;
        })();

        v1.TaskFailure = (function() {

            /**
             * Properties of a TaskFailure.
             * @typedef {Object} consilium.v1.TaskFailure.$Properties
             * @property {string|null} [taskId] TaskFailure taskId
             * @property {string|null} [reason] TaskFailure reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TaskFailure.
             * @memberof consilium.v1
             * @interface ITaskFailure
             * @augments consilium.v1.TaskFailure.$Properties
             * @deprecated Use consilium.v1.TaskFailure.$Properties instead.
             */

            /**
             * Shape of a TaskFailure.
             * @typedef {consilium.v1.TaskFailure.$Properties} consilium.v1.TaskFailure.$Shape
             */

            /**
             * Constructs a new TaskFailure.
             * @memberof consilium.v1
             * @classdesc Represents a TaskFailure.
             * @constructor
             * @param {consilium.v1.TaskFailure.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TaskFailure = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TaskFailure taskId.
             * @member {string} taskId
             * @memberof consilium.v1.TaskFailure
             * @instance
             */
            TaskFailure.prototype.taskId = "";

            /**
             * TaskFailure reason.
             * @member {string} reason
             * @memberof consilium.v1.TaskFailure
             * @instance
             */
            TaskFailure.prototype.reason = "";

            /**
             * Creates a new TaskFailure instance using the specified properties.
             * @function create
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {consilium.v1.TaskFailure.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.TaskFailure} TaskFailure instance
             * @type {{
             *   (properties: consilium.v1.TaskFailure.$Shape): consilium.v1.TaskFailure & consilium.v1.TaskFailure.$Shape;
             *   (properties?: consilium.v1.TaskFailure.$Properties): consilium.v1.TaskFailure;
             * }}
             */
            TaskFailure.create = function(properties) {
                return new TaskFailure(properties);
            };

            /**
             * Encodes the specified TaskFailure message. Does not implicitly {@link consilium.v1.TaskFailure.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {consilium.v1.TaskFailure.$Properties} m TaskFailure message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TaskFailure.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TaskFailure message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.TaskFailure & consilium.v1.TaskFailure.$Shape} TaskFailure
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TaskFailure.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.TaskFailure();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a TaskFailure message.
             * @function verify
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TaskFailure.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a TaskFailure message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.TaskFailure} TaskFailure
             */
            TaskFailure.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.TaskFailure)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.TaskFailure: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.TaskFailure();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TaskFailure message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {consilium.v1.TaskFailure} m TaskFailure
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TaskFailure.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.taskId = "";
                    d.reason = "";
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this TaskFailure to JSON.
             * @function toJSON
             * @memberof consilium.v1.TaskFailure
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TaskFailure.prototype.toJSON = function() {
                return TaskFailure.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TaskFailure
             * @function getTypeUrl
             * @memberof consilium.v1.TaskFailure
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TaskFailure.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.TaskFailure";
            };

            return TaskFailure;
        })();

        v1.CoordinatorMessage = (function() {

            /**
             * Properties of a CoordinatorMessage.
             * @typedef {Object} consilium.v1.CoordinatorMessage.$Properties
             * @property {consilium.v1.Welcome.$Properties|null} [welcome] CoordinatorMessage welcome
             * @property {consilium.v1.TaskAssignment.$Properties|null} [task] CoordinatorMessage task
             * @property {consilium.v1.TaskCancellation.$Properties|null} [cancel] CoordinatorMessage cancel
             * @property {consilium.v1.RunOffer.$Properties|null} [offer] CoordinatorMessage offer
             * @property {"welcome"|"task"|"cancel"|"offer"} [body] CoordinatorMessage body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CoordinatorMessage.
             * @memberof consilium.v1
             * @interface ICoordinatorMessage
             * @augments consilium.v1.CoordinatorMessage.$Properties
             * @deprecated Use consilium.v1.CoordinatorMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a CoordinatorMessage.
             * @typedef {{
             *   welcome?: consilium.v1.Welcome.$Shape|null;
             *   task?: consilium.v1.TaskAssignment.$Shape|null;
             *   cancel?: consilium.v1.TaskCancellation.$Shape|null;
             *   offer?: consilium.v1.RunOffer.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; welcome?: null; task?: null; cancel?: null; offer?: null }|{ body?: "welcome"; welcome: consilium.v1.Welcome.$Shape; task?: null; cancel?: null; offer?: null }|{ body?: "task"; welcome?: null; task: consilium.v1.TaskAssignment.$Shape; cancel?: null; offer?: null }|{ body?: "cancel"; welcome?: null; task?: null; cancel: consilium.v1.TaskCancellation.$Shape; offer?: null }|{ body?: "offer"; welcome?: null; task?: null; cancel?: null; offer: consilium.v1.RunOffer.$Shape })
             * )} consilium.v1.CoordinatorMessage.$Shape
             */

            /**
             * Constructs a new CoordinatorMessage.
             * @memberof consilium.v1
             * @classdesc Represents a CoordinatorMessage.
             * @constructor
             * @param {consilium.v1.CoordinatorMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CoordinatorMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * CoordinatorMessage welcome.
             * @member {consilium.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             */
            CoordinatorMessage.prototype.welcome = null;

            /**
             * CoordinatorMessage task.
             * @member {consilium.v1.TaskAssignment.$Properties|null|undefined} task
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             */
            CoordinatorMessage.prototype.task = null;

            /**
             * CoordinatorMessage cancel.
             * @member {consilium.v1.TaskCancellation.$Properties|null|undefined} cancel
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             */
            CoordinatorMessage.prototype.cancel = null;

            /**
             * CoordinatorMessage offer.
             * @member {consilium.v1.RunOffer.$Properties|null|undefined} offer
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             */
            CoordinatorMessage.prototype.offer = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * CoordinatorMessage body.
             * @member {"welcome"|"task"|"cancel"|"offer"|undefined} body
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             */
            $Object.defineProperty(CoordinatorMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["welcome", "task", "cancel", "offer"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new CoordinatorMessage instance using the specified properties.
             * @function create
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {consilium.v1.CoordinatorMessage.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.CoordinatorMessage} CoordinatorMessage instance
             * @type {{
             *   (properties: consilium.v1.CoordinatorMessage.$Shape): consilium.v1.CoordinatorMessage & consilium.v1.CoordinatorMessage.$Shape;
             *   (properties?: consilium.v1.CoordinatorMessage.$Properties): consilium.v1.CoordinatorMessage;
             * }}
             */
            CoordinatorMessage.create = function(properties) {
                return new CoordinatorMessage(properties);
            };

            /**
             * Encodes the specified CoordinatorMessage message. Does not implicitly {@link consilium.v1.CoordinatorMessage.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {consilium.v1.CoordinatorMessage.$Properties} m CoordinatorMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CoordinatorMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome"))
                    $root.consilium.v1.Welcome.encode(m.welcome, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.task != null && $Object.hasOwnProperty.call(m, "task"))
                    $root.consilium.v1.TaskAssignment.encode(m.task, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel"))
                    $root.consilium.v1.TaskCancellation.encode(m.cancel, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.offer != null && $Object.hasOwnProperty.call(m, "offer"))
                    $root.consilium.v1.RunOffer.encode(m.offer, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a CoordinatorMessage message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.CoordinatorMessage & consilium.v1.CoordinatorMessage.$Shape} CoordinatorMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CoordinatorMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.CoordinatorMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.welcome = $root.consilium.v1.Welcome.decode(r, r.size(), $undefined, q + 1, m.welcome);
                            m.body = "welcome";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.task = $root.consilium.v1.TaskAssignment.decode(r, r.size(), $undefined, q + 1, m.task);
                            m.body = "task";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.cancel = $root.consilium.v1.TaskCancellation.decode(r, r.size(), $undefined, q + 1, m.cancel);
                            m.body = "cancel";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.offer = $root.consilium.v1.RunOffer.decode(r, r.size(), $undefined, q + 1, m.offer);
                            m.body = "offer";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a CoordinatorMessage message.
             * @function verify
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CoordinatorMessage.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome")) {
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.Welcome.verify(m.welcome, q + 1);
                        if (e)
                            return "welcome." + e;
                    }
                }
                if (m.task != null && $Object.hasOwnProperty.call(m, "task")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.TaskAssignment.verify(m.task, q + 1);
                        if (e)
                            return "task." + e;
                    }
                }
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.TaskCancellation.verify(m.cancel, q + 1);
                        if (e)
                            return "cancel." + e;
                    }
                }
                if (m.offer != null && $Object.hasOwnProperty.call(m, "offer")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.RunOffer.verify(m.offer, q + 1);
                        if (e)
                            return "offer." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a CoordinatorMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.CoordinatorMessage} CoordinatorMessage
             */
            CoordinatorMessage.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.CoordinatorMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.CoordinatorMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.CoordinatorMessage();
                if (d.welcome != null) {
                    if (!$util.isObject(d.welcome))
                        throw $TypeError(".consilium.v1.CoordinatorMessage.welcome: object expected");
                    m.welcome = $root.consilium.v1.Welcome.fromObject(d.welcome, q + 1);
                }
                if (d.task != null) {
                    if (!$util.isObject(d.task))
                        throw $TypeError(".consilium.v1.CoordinatorMessage.task: object expected");
                    m.task = $root.consilium.v1.TaskAssignment.fromObject(d.task, q + 1);
                }
                if (d.cancel != null) {
                    if (!$util.isObject(d.cancel))
                        throw $TypeError(".consilium.v1.CoordinatorMessage.cancel: object expected");
                    m.cancel = $root.consilium.v1.TaskCancellation.fromObject(d.cancel, q + 1);
                }
                if (d.offer != null) {
                    if (!$util.isObject(d.offer))
                        throw $TypeError(".consilium.v1.CoordinatorMessage.offer: object expected");
                    m.offer = $root.consilium.v1.RunOffer.fromObject(d.offer, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a CoordinatorMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {consilium.v1.CoordinatorMessage} m CoordinatorMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CoordinatorMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome")) {
                    d.welcome = $root.consilium.v1.Welcome.toObject(m.welcome, o, q + 1);
                    if (o.oneofs)
                        d.body = "welcome";
                }
                if (m.task != null && $Object.hasOwnProperty.call(m, "task")) {
                    d.task = $root.consilium.v1.TaskAssignment.toObject(m.task, o, q + 1);
                    if (o.oneofs)
                        d.body = "task";
                }
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel")) {
                    d.cancel = $root.consilium.v1.TaskCancellation.toObject(m.cancel, o, q + 1);
                    if (o.oneofs)
                        d.body = "cancel";
                }
                if (m.offer != null && $Object.hasOwnProperty.call(m, "offer")) {
                    d.offer = $root.consilium.v1.RunOffer.toObject(m.offer, o, q + 1);
                    if (o.oneofs)
                        d.body = "offer";
                }
                return d;
            };

            /**
             * Converts this CoordinatorMessage to JSON.
             * @function toJSON
             * @memberof consilium.v1.CoordinatorMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CoordinatorMessage.prototype.toJSON = function() {
                return CoordinatorMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CoordinatorMessage
             * @function getTypeUrl
             * @memberof consilium.v1.CoordinatorMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CoordinatorMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.CoordinatorMessage";
            };

            return CoordinatorMessage;
        })();

        v1.RunOffer = (function() {

            /**
             * Properties of a RunOffer.
             * @typedef {Object} consilium.v1.RunOffer.$Properties
             * @property {string|null} [runId] RunOffer runId
             * @property {string|null} [name] RunOffer name
             * @property {string|null} [specSha256] RunOffer specSha256
             * @property {string|null} [specJson] RunOffer specJson
             * @property {string|null} [status] RunOffer status
             * @property {string|null} [createdAt] RunOffer createdAt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RunOffer.
             * @memberof consilium.v1
             * @interface IRunOffer
             * @augments consilium.v1.RunOffer.$Properties
             * @deprecated Use consilium.v1.RunOffer.$Properties instead.
             */

            /**
             * Shape of a RunOffer.
             * @typedef {consilium.v1.RunOffer.$Properties} consilium.v1.RunOffer.$Shape
             */

            /**
             * Constructs a new RunOffer.
             * @memberof consilium.v1
             * @classdesc Represents a RunOffer.
             * @constructor
             * @param {consilium.v1.RunOffer.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RunOffer = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * RunOffer runId.
             * @member {string} runId
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.runId = "";

            /**
             * RunOffer name.
             * @member {string} name
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.name = "";

            /**
             * RunOffer specSha256.
             * @member {string} specSha256
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.specSha256 = "";

            /**
             * RunOffer specJson.
             * @member {string} specJson
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.specJson = "";

            /**
             * RunOffer status.
             * @member {string} status
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.status = "";

            /**
             * RunOffer createdAt.
             * @member {string} createdAt
             * @memberof consilium.v1.RunOffer
             * @instance
             */
            RunOffer.prototype.createdAt = "";

            /**
             * Creates a new RunOffer instance using the specified properties.
             * @function create
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {consilium.v1.RunOffer.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.RunOffer} RunOffer instance
             * @type {{
             *   (properties: consilium.v1.RunOffer.$Shape): consilium.v1.RunOffer & consilium.v1.RunOffer.$Shape;
             *   (properties?: consilium.v1.RunOffer.$Properties): consilium.v1.RunOffer;
             * }}
             */
            RunOffer.create = function(properties) {
                return new RunOffer(properties);
            };

            /**
             * Encodes the specified RunOffer message. Does not implicitly {@link consilium.v1.RunOffer.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {consilium.v1.RunOffer.$Properties} m RunOffer message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RunOffer.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256") && m.specSha256 !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.specSha256);
                if (m.specJson != null && $Object.hasOwnProperty.call(m, "specJson") && m.specJson !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.specJson);
                if (m.status != null && $Object.hasOwnProperty.call(m, "status") && m.status !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.status);
                if (m.createdAt != null && $Object.hasOwnProperty.call(m, "createdAt") && m.createdAt !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.createdAt);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a RunOffer message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.RunOffer & consilium.v1.RunOffer.$Shape} RunOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RunOffer.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.RunOffer();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.specSha256 = v;
                            else
                                delete m.specSha256;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.specJson = v;
                            else
                                delete m.specJson;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.status = v;
                            else
                                delete m.status;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.createdAt = v;
                            else
                                delete m.createdAt;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a RunOffer message.
             * @function verify
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RunOffer.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    if (!$util.isString(m.runId))
                        return "runId: string expected";
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    if (!$util.isString(m.name))
                        return "name: string expected";
                }
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256")) {
                    if (!$util.isString(m.specSha256))
                        return "specSha256: string expected";
                }
                if (m.specJson != null && $Object.hasOwnProperty.call(m, "specJson")) {
                    if (!$util.isString(m.specJson))
                        return "specJson: string expected";
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    if (!$util.isString(m.status))
                        return "status: string expected";
                }
                if (m.createdAt != null && $Object.hasOwnProperty.call(m, "createdAt")) {
                    if (!$util.isString(m.createdAt))
                        return "createdAt: string expected";
                }
                return null;
            };

            /**
             * Creates a RunOffer message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.RunOffer} RunOffer
             */
            RunOffer.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.RunOffer)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.RunOffer: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.RunOffer();
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.specSha256 != null) {
                    if (typeof d.specSha256 !== "string" || d.specSha256.length) {
                        m.specSha256 = $String(d.specSha256);
                    }
                }
                if (d.specJson != null) {
                    if (typeof d.specJson !== "string" || d.specJson.length) {
                        m.specJson = $String(d.specJson);
                    }
                }
                if (d.status != null) {
                    if (typeof d.status !== "string" || d.status.length) {
                        m.status = $String(d.status);
                    }
                }
                if (d.createdAt != null) {
                    if (typeof d.createdAt !== "string" || d.createdAt.length) {
                        m.createdAt = $String(d.createdAt);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a RunOffer message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {consilium.v1.RunOffer} m RunOffer
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RunOffer.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.runId = "";
                    d.name = "";
                    d.specSha256 = "";
                    d.specJson = "";
                    d.status = "";
                    d.createdAt = "";
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.specSha256 != null && $Object.hasOwnProperty.call(m, "specSha256")) {
                    d.specSha256 = m.specSha256;
                }
                if (m.specJson != null && $Object.hasOwnProperty.call(m, "specJson")) {
                    d.specJson = m.specJson;
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    d.status = m.status;
                }
                if (m.createdAt != null && $Object.hasOwnProperty.call(m, "createdAt")) {
                    d.createdAt = m.createdAt;
                }
                return d;
            };

            /**
             * Converts this RunOffer to JSON.
             * @function toJSON
             * @memberof consilium.v1.RunOffer
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RunOffer.prototype.toJSON = function() {
                return RunOffer.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RunOffer
             * @function getTypeUrl
             * @memberof consilium.v1.RunOffer
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RunOffer.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.RunOffer";
            };

            return RunOffer;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} consilium.v1.Welcome.$Properties
             * @property {string|null} [siteId] Welcome siteId
             * @property {number|null} [heartbeatIntervalMs] Welcome heartbeatIntervalMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof consilium.v1
             * @interface IWelcome
             * @augments consilium.v1.Welcome.$Properties
             * @deprecated Use consilium.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {consilium.v1.Welcome.$Properties} consilium.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof consilium.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {consilium.v1.Welcome.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Welcome siteId.
             * @member {string} siteId
             * @memberof consilium.v1.Welcome
             * @instance
             */
            Welcome.prototype.siteId = "";

            /**
             * Welcome heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof consilium.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatIntervalMs = 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof consilium.v1.Welcome
             * @static
             * @param {consilium.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: consilium.v1.Welcome.$Shape): consilium.v1.Welcome & consilium.v1.Welcome.$Shape;
             *   (properties?: consilium.v1.Welcome.$Properties): consilium.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link consilium.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.Welcome
             * @static
             * @param {consilium.v1.Welcome.$Properties} m Welcome message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId") && m.siteId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.siteId);
                if (m.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(m, "heartbeatIntervalMs") && m.heartbeatIntervalMs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.heartbeatIntervalMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.Welcome & consilium.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.Welcome();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.siteId = v;
                            else
                                delete m.siteId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.heartbeatIntervalMs = v;
                            else
                                delete m.heartbeatIntervalMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a Welcome message.
             * @function verify
             * @memberof consilium.v1.Welcome
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Welcome.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId")) {
                    if (!$util.isString(m.siteId))
                        return "siteId: string expected";
                }
                if (m.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(m, "heartbeatIntervalMs")) {
                    if (!$util.isInteger(m.heartbeatIntervalMs))
                        return "heartbeatIntervalMs: integer expected";
                }
                return null;
            };

            /**
             * Creates a Welcome message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.Welcome
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.Welcome} Welcome
             */
            Welcome.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.Welcome)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.Welcome: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.Welcome();
                if (d.siteId != null) {
                    if (typeof d.siteId !== "string" || d.siteId.length) {
                        m.siteId = $String(d.siteId);
                    }
                }
                if (d.heartbeatIntervalMs != null) {
                    if ($Number(d.heartbeatIntervalMs) !== 0) {
                        m.heartbeatIntervalMs = d.heartbeatIntervalMs >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Welcome message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.Welcome
             * @static
             * @param {consilium.v1.Welcome} m Welcome
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Welcome.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.siteId = "";
                    d.heartbeatIntervalMs = 0;
                }
                if (m.siteId != null && $Object.hasOwnProperty.call(m, "siteId")) {
                    d.siteId = m.siteId;
                }
                if (m.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(m, "heartbeatIntervalMs")) {
                    d.heartbeatIntervalMs = m.heartbeatIntervalMs;
                }
                return d;
            };

            /**
             * Converts this Welcome to JSON.
             * @function toJSON
             * @memberof consilium.v1.Welcome
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Welcome.prototype.toJSON = function() {
                return Welcome.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Welcome
             * @function getTypeUrl
             * @memberof consilium.v1.Welcome
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Welcome.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.Welcome";
            };

            return Welcome;
        })();

        v1.TaskAssignment = (function() {

            /**
             * Properties of a TaskAssignment.
             * @typedef {Object} consilium.v1.TaskAssignment.$Properties
             * @property {string|null} [taskId] TaskAssignment taskId
             * @property {string|null} [runId] TaskAssignment runId
             * @property {number|null} [round] TaskAssignment round
             * @property {string|null} [modelVersionId] TaskAssignment modelVersionId
             * @property {string|null} [modelSha256] TaskAssignment modelSha256
             * @property {number|null} [modelBytes] TaskAssignment modelBytes
             * @property {string|null} [modelTopologyJson] TaskAssignment modelTopologyJson
             * @property {consilium.v1.HyperParameters.$Properties|null} [hyperParameters] TaskAssignment hyperParameters
             * @property {number|null} [deadlineUnixMs] TaskAssignment deadlineUnixMs
             * @property {string|null} [updateEncoding] TaskAssignment updateEncoding
             * @property {number|null} [seed] TaskAssignment seed
             * @property {boolean|null} [evaluateOnly] TaskAssignment evaluateOnly
             * @property {Array.<string>|null} [classes] TaskAssignment classes
             * @property {number|null} [proximalMu] TaskAssignment proximalMu
             * @property {Array.<string>|null} [sharedTensors] TaskAssignment sharedTensors
             * @property {string|null} [preprocessingJson] TaskAssignment preprocessingJson
             * @property {string|null} [runSpecSha256] TaskAssignment runSpecSha256
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TaskAssignment.
             * @memberof consilium.v1
             * @interface ITaskAssignment
             * @augments consilium.v1.TaskAssignment.$Properties
             * @deprecated Use consilium.v1.TaskAssignment.$Properties instead.
             */

            /**
             * Shape of a TaskAssignment.
             * @typedef {consilium.v1.TaskAssignment.$Properties} consilium.v1.TaskAssignment.$Shape
             */

            /**
             * Constructs a new TaskAssignment.
             * @memberof consilium.v1
             * @classdesc Represents a TaskAssignment.
             * @constructor
             * @param {consilium.v1.TaskAssignment.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TaskAssignment = function (p) {
                this.classes = [];
                this.sharedTensors = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TaskAssignment taskId.
             * @member {string} taskId
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.taskId = "";

            /**
             * TaskAssignment runId.
             * @member {string} runId
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.runId = "";

            /**
             * TaskAssignment round.
             * @member {number} round
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.round = 0;

            /**
             * TaskAssignment modelVersionId.
             * @member {string} modelVersionId
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.modelVersionId = "";

            /**
             * TaskAssignment modelSha256.
             * @member {string} modelSha256
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.modelSha256 = "";

            /**
             * TaskAssignment modelBytes.
             * @member {number} modelBytes
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.modelBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TaskAssignment modelTopologyJson.
             * @member {string} modelTopologyJson
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.modelTopologyJson = "";

            /**
             * TaskAssignment hyperParameters.
             * @member {consilium.v1.HyperParameters.$Properties|null|undefined} hyperParameters
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.hyperParameters = null;

            /**
             * TaskAssignment deadlineUnixMs.
             * @member {number} deadlineUnixMs
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.deadlineUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TaskAssignment updateEncoding.
             * @member {string} updateEncoding
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.updateEncoding = "";

            /**
             * TaskAssignment seed.
             * @member {number} seed
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.seed = 0;

            /**
             * TaskAssignment evaluateOnly.
             * @member {boolean} evaluateOnly
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.evaluateOnly = false;

            /**
             * TaskAssignment classes.
             * @member {Array.<string>} classes
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.classes = $util.emptyArray;

            /**
             * TaskAssignment proximalMu.
             * @member {number} proximalMu
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.proximalMu = 0;

            /**
             * TaskAssignment sharedTensors.
             * @member {Array.<string>} sharedTensors
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.sharedTensors = $util.emptyArray;

            /**
             * TaskAssignment preprocessingJson.
             * @member {string} preprocessingJson
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.preprocessingJson = "";

            /**
             * TaskAssignment runSpecSha256.
             * @member {string} runSpecSha256
             * @memberof consilium.v1.TaskAssignment
             * @instance
             */
            TaskAssignment.prototype.runSpecSha256 = "";

            /**
             * Creates a new TaskAssignment instance using the specified properties.
             * @function create
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {consilium.v1.TaskAssignment.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.TaskAssignment} TaskAssignment instance
             * @type {{
             *   (properties: consilium.v1.TaskAssignment.$Shape): consilium.v1.TaskAssignment & consilium.v1.TaskAssignment.$Shape;
             *   (properties?: consilium.v1.TaskAssignment.$Properties): consilium.v1.TaskAssignment;
             * }}
             */
            TaskAssignment.create = function(properties) {
                return new TaskAssignment(properties);
            };

            /**
             * Encodes the specified TaskAssignment message. Does not implicitly {@link consilium.v1.TaskAssignment.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {consilium.v1.TaskAssignment.$Properties} m TaskAssignment message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TaskAssignment.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.runId);
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.round);
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId") && m.modelVersionId !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.modelVersionId);
                if (m.modelSha256 != null && $Object.hasOwnProperty.call(m, "modelSha256") && m.modelSha256 !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.modelSha256);
                if (m.modelBytes != null && $Object.hasOwnProperty.call(m, "modelBytes") && (typeof m.modelBytes === "object" ? m.modelBytes.low || m.modelBytes.high : m.modelBytes !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.modelBytes);
                if (m.modelTopologyJson != null && $Object.hasOwnProperty.call(m, "modelTopologyJson") && m.modelTopologyJson !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.modelTopologyJson);
                if (m.hyperParameters != null && $Object.hasOwnProperty.call(m, "hyperParameters"))
                    $root.consilium.v1.HyperParameters.encode(m.hyperParameters, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs") && (typeof m.deadlineUnixMs === "object" ? m.deadlineUnixMs.low || m.deadlineUnixMs.high : m.deadlineUnixMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).uint64(m.deadlineUnixMs);
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding") && m.updateEncoding !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.updateEncoding);
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed") && m.seed !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.seed);
                if (m.evaluateOnly != null && $Object.hasOwnProperty.call(m, "evaluateOnly") && m.evaluateOnly !== false)
                    w.uint32(/* id 12, wireType 0 =*/96).bool(m.evaluateOnly);
                if (m.classes != null && m.classes.length) {
                    for (var i = 0; i < m.classes.length; ++i)
                        w.uint32(/* id 13, wireType 2 =*/106).string(m.classes[i]);
                }
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu") && !$Object.is(m.proximalMu, 0))
                    w.uint32(/* id 14, wireType 1 =*/113).double(m.proximalMu);
                if (m.sharedTensors != null && m.sharedTensors.length) {
                    for (var i = 0; i < m.sharedTensors.length; ++i)
                        w.uint32(/* id 15, wireType 2 =*/122).string(m.sharedTensors[i]);
                }
                if (m.preprocessingJson != null && $Object.hasOwnProperty.call(m, "preprocessingJson") && m.preprocessingJson !== "")
                    w.uint32(/* id 16, wireType 2 =*/130).string(m.preprocessingJson);
                if (m.runSpecSha256 != null && $Object.hasOwnProperty.call(m, "runSpecSha256") && m.runSpecSha256 !== "")
                    w.uint32(/* id 17, wireType 2 =*/138).string(m.runSpecSha256);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TaskAssignment message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.TaskAssignment & consilium.v1.TaskAssignment.$Shape} TaskAssignment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TaskAssignment.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.TaskAssignment();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.modelVersionId = v;
                            else
                                delete m.modelVersionId;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.modelSha256 = v;
                            else
                                delete m.modelSha256;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.modelBytes = v;
                            else
                                delete m.modelBytes;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.modelTopologyJson = v;
                            else
                                delete m.modelTopologyJson;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.hyperParameters = $root.consilium.v1.HyperParameters.decode(r, r.size(), $undefined, q + 1, m.hyperParameters);
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.deadlineUnixMs = v;
                            else
                                delete m.deadlineUnixMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updateEncoding = v;
                            else
                                delete m.updateEncoding;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seed = v;
                            else
                                delete m.seed;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.evaluateOnly = v;
                            else
                                delete m.evaluateOnly;
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            if (!(m.classes && m.classes.length))
                                m.classes = [];
                            m.classes.push(r.stringVerify());
                            continue;
                        }
                    case 14: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.proximalMu = v;
                            else
                                delete m.proximalMu;
                            continue;
                        }
                    case 15: {
                            if (u !== 2)
                                break;
                            if (!(m.sharedTensors && m.sharedTensors.length))
                                m.sharedTensors = [];
                            m.sharedTensors.push(r.stringVerify());
                            continue;
                        }
                    case 16: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.preprocessingJson = v;
                            else
                                delete m.preprocessingJson;
                            continue;
                        }
                    case 17: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runSpecSha256 = v;
                            else
                                delete m.runSpecSha256;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a TaskAssignment message.
             * @function verify
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TaskAssignment.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    if (!$util.isString(m.runId))
                        return "runId: string expected";
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    if (!$util.isInteger(m.round))
                        return "round: integer expected";
                }
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId")) {
                    if (!$util.isString(m.modelVersionId))
                        return "modelVersionId: string expected";
                }
                if (m.modelSha256 != null && $Object.hasOwnProperty.call(m, "modelSha256")) {
                    if (!$util.isString(m.modelSha256))
                        return "modelSha256: string expected";
                }
                if (m.modelBytes != null && $Object.hasOwnProperty.call(m, "modelBytes")) {
                    if (!$util.isInteger(m.modelBytes) && !(m.modelBytes && $util.isInteger(m.modelBytes.low) && $util.isInteger(m.modelBytes.high)))
                        return "modelBytes: integer|Long expected";
                }
                if (m.modelTopologyJson != null && $Object.hasOwnProperty.call(m, "modelTopologyJson")) {
                    if (!$util.isString(m.modelTopologyJson))
                        return "modelTopologyJson: string expected";
                }
                if (m.hyperParameters != null && $Object.hasOwnProperty.call(m, "hyperParameters")) {
                    {
                        var e = $root.consilium.v1.HyperParameters.verify(m.hyperParameters, q + 1);
                        if (e)
                            return "hyperParameters." + e;
                    }
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (!$util.isInteger(m.deadlineUnixMs) && !(m.deadlineUnixMs && $util.isInteger(m.deadlineUnixMs.low) && $util.isInteger(m.deadlineUnixMs.high)))
                        return "deadlineUnixMs: integer|Long expected";
                }
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding")) {
                    if (!$util.isString(m.updateEncoding))
                        return "updateEncoding: string expected";
                }
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed")) {
                    if (!$util.isInteger(m.seed))
                        return "seed: integer expected";
                }
                if (m.evaluateOnly != null && $Object.hasOwnProperty.call(m, "evaluateOnly")) {
                    if (typeof m.evaluateOnly !== "boolean")
                        return "evaluateOnly: boolean expected";
                }
                if (m.classes != null && $Object.hasOwnProperty.call(m, "classes")) {
                    if (!$Array.isArray(m.classes))
                        return "classes: array expected";
                    for (var i = 0; i < m.classes.length; ++i) {
                        if (!$util.isString(m.classes[i]))
                            return "classes: string[] expected";
                    }
                }
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu")) {
                    if (typeof m.proximalMu !== "number")
                        return "proximalMu: number expected";
                }
                if (m.sharedTensors != null && $Object.hasOwnProperty.call(m, "sharedTensors")) {
                    if (!$Array.isArray(m.sharedTensors))
                        return "sharedTensors: array expected";
                    for (var i = 0; i < m.sharedTensors.length; ++i) {
                        if (!$util.isString(m.sharedTensors[i]))
                            return "sharedTensors: string[] expected";
                    }
                }
                if (m.preprocessingJson != null && $Object.hasOwnProperty.call(m, "preprocessingJson")) {
                    if (!$util.isString(m.preprocessingJson))
                        return "preprocessingJson: string expected";
                }
                if (m.runSpecSha256 != null && $Object.hasOwnProperty.call(m, "runSpecSha256")) {
                    if (!$util.isString(m.runSpecSha256))
                        return "runSpecSha256: string expected";
                }
                return null;
            };

            /**
             * Creates a TaskAssignment message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.TaskAssignment} TaskAssignment
             */
            TaskAssignment.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.TaskAssignment)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.TaskAssignment: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.TaskAssignment();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.modelVersionId != null) {
                    if (typeof d.modelVersionId !== "string" || d.modelVersionId.length) {
                        m.modelVersionId = $String(d.modelVersionId);
                    }
                }
                if (d.modelSha256 != null) {
                    if (typeof d.modelSha256 !== "string" || d.modelSha256.length) {
                        m.modelSha256 = $String(d.modelSha256);
                    }
                }
                if (d.modelBytes != null) {
                    if (typeof d.modelBytes === "object" ? d.modelBytes.low || d.modelBytes.high : $Number(d.modelBytes) !== 0) {
                        if ($util.Long)
                            m.modelBytes = $util.Long.fromValue(d.modelBytes, true);
                        else if (typeof d.modelBytes === "string")
                            m.modelBytes = $parseInt(d.modelBytes, 10);
                        else if (typeof d.modelBytes === "number")
                            m.modelBytes = d.modelBytes;
                        else if (typeof d.modelBytes === "object")
                            m.modelBytes = new $util.LongBits(d.modelBytes.low >>> 0, d.modelBytes.high >>> 0).toNumber(true);
                    }
                }
                if (d.modelTopologyJson != null) {
                    if (typeof d.modelTopologyJson !== "string" || d.modelTopologyJson.length) {
                        m.modelTopologyJson = $String(d.modelTopologyJson);
                    }
                }
                if (d.hyperParameters != null) {
                    if (!$util.isObject(d.hyperParameters))
                        throw $TypeError(".consilium.v1.TaskAssignment.hyperParameters: object expected");
                    m.hyperParameters = $root.consilium.v1.HyperParameters.fromObject(d.hyperParameters, q + 1);
                }
                if (d.deadlineUnixMs != null) {
                    if (typeof d.deadlineUnixMs === "object" ? d.deadlineUnixMs.low || d.deadlineUnixMs.high : $Number(d.deadlineUnixMs) !== 0) {
                        if ($util.Long)
                            m.deadlineUnixMs = $util.Long.fromValue(d.deadlineUnixMs, true);
                        else if (typeof d.deadlineUnixMs === "string")
                            m.deadlineUnixMs = $parseInt(d.deadlineUnixMs, 10);
                        else if (typeof d.deadlineUnixMs === "number")
                            m.deadlineUnixMs = d.deadlineUnixMs;
                        else if (typeof d.deadlineUnixMs === "object")
                            m.deadlineUnixMs = new $util.LongBits(d.deadlineUnixMs.low >>> 0, d.deadlineUnixMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.updateEncoding != null) {
                    if (typeof d.updateEncoding !== "string" || d.updateEncoding.length) {
                        m.updateEncoding = $String(d.updateEncoding);
                    }
                }
                if (d.seed != null) {
                    if ($Number(d.seed) !== 0) {
                        m.seed = d.seed >>> 0;
                    }
                }
                if (d.evaluateOnly != null) {
                    if (d.evaluateOnly) {
                        m.evaluateOnly = $Boolean(d.evaluateOnly);
                    }
                }
                if (d.classes) {
                    if (!$Array.isArray(d.classes))
                        throw $TypeError(".consilium.v1.TaskAssignment.classes: array expected");
                    m.classes = $Array(d.classes.length);
                    for (var i = 0; i < d.classes.length; ++i) {
                        m.classes[i] = $String(d.classes[i]);
                    }
                }
                if (d.proximalMu != null) {
                    if (!$Object.is($Number(d.proximalMu), 0)) {
                        m.proximalMu = $Number(d.proximalMu);
                    }
                }
                if (d.sharedTensors) {
                    if (!$Array.isArray(d.sharedTensors))
                        throw $TypeError(".consilium.v1.TaskAssignment.sharedTensors: array expected");
                    m.sharedTensors = $Array(d.sharedTensors.length);
                    for (var i = 0; i < d.sharedTensors.length; ++i) {
                        m.sharedTensors[i] = $String(d.sharedTensors[i]);
                    }
                }
                if (d.preprocessingJson != null) {
                    if (typeof d.preprocessingJson !== "string" || d.preprocessingJson.length) {
                        m.preprocessingJson = $String(d.preprocessingJson);
                    }
                }
                if (d.runSpecSha256 != null) {
                    if (typeof d.runSpecSha256 !== "string" || d.runSpecSha256.length) {
                        m.runSpecSha256 = $String(d.runSpecSha256);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TaskAssignment message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {consilium.v1.TaskAssignment} m TaskAssignment
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TaskAssignment.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.classes = [];
                    d.sharedTensors = [];
                }
                if (o.defaults) {
                    d.taskId = "";
                    d.runId = "";
                    d.round = 0;
                    d.modelVersionId = "";
                    d.modelSha256 = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.modelBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.modelBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.modelTopologyJson = "";
                    d.hyperParameters = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.deadlineUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.deadlineUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.updateEncoding = "";
                    d.seed = 0;
                    d.evaluateOnly = false;
                    d.proximalMu = 0;
                    d.preprocessingJson = "";
                    d.runSpecSha256 = "";
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId")) {
                    d.modelVersionId = m.modelVersionId;
                }
                if (m.modelSha256 != null && $Object.hasOwnProperty.call(m, "modelSha256")) {
                    d.modelSha256 = m.modelSha256;
                }
                if (m.modelBytes != null && $Object.hasOwnProperty.call(m, "modelBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.modelBytes = typeof m.modelBytes === "number" ? $BigInt(m.modelBytes) : $util.Long.fromBits(m.modelBytes.low >>> 0, m.modelBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.modelBytes === "number")
                        d.modelBytes = o.longs === $String ? $String(m.modelBytes) : m.modelBytes;
                    else
                        d.modelBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.modelBytes) : o.longs === $Number ? new $util.LongBits(m.modelBytes.low >>> 0, m.modelBytes.high >>> 0).toNumber(true) : m.modelBytes;
                }
                if (m.modelTopologyJson != null && $Object.hasOwnProperty.call(m, "modelTopologyJson")) {
                    d.modelTopologyJson = m.modelTopologyJson;
                }
                if (m.hyperParameters != null && $Object.hasOwnProperty.call(m, "hyperParameters")) {
                    d.hyperParameters = $root.consilium.v1.HyperParameters.toObject(m.hyperParameters, o, q + 1);
                }
                if (m.deadlineUnixMs != null && $Object.hasOwnProperty.call(m, "deadlineUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.deadlineUnixMs = typeof m.deadlineUnixMs === "number" ? $BigInt(m.deadlineUnixMs) : $util.Long.fromBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.deadlineUnixMs === "number")
                        d.deadlineUnixMs = o.longs === $String ? $String(m.deadlineUnixMs) : m.deadlineUnixMs;
                    else
                        d.deadlineUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.deadlineUnixMs) : o.longs === $Number ? new $util.LongBits(m.deadlineUnixMs.low >>> 0, m.deadlineUnixMs.high >>> 0).toNumber(true) : m.deadlineUnixMs;
                }
                if (m.updateEncoding != null && $Object.hasOwnProperty.call(m, "updateEncoding")) {
                    d.updateEncoding = m.updateEncoding;
                }
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed")) {
                    d.seed = m.seed;
                }
                if (m.evaluateOnly != null && $Object.hasOwnProperty.call(m, "evaluateOnly")) {
                    d.evaluateOnly = m.evaluateOnly;
                }
                if (m.classes && m.classes.length) {
                    d.classes = $Array(m.classes.length);
                    for (var j = 0; j < m.classes.length; ++j) {
                        d.classes[j] = m.classes[j];
                    }
                }
                if (m.proximalMu != null && $Object.hasOwnProperty.call(m, "proximalMu")) {
                    d.proximalMu = o.json && !$isFinite(m.proximalMu) ? $String(m.proximalMu) : m.proximalMu;
                }
                if (m.sharedTensors && m.sharedTensors.length) {
                    d.sharedTensors = $Array(m.sharedTensors.length);
                    for (var j = 0; j < m.sharedTensors.length; ++j) {
                        d.sharedTensors[j] = m.sharedTensors[j];
                    }
                }
                if (m.preprocessingJson != null && $Object.hasOwnProperty.call(m, "preprocessingJson")) {
                    d.preprocessingJson = m.preprocessingJson;
                }
                if (m.runSpecSha256 != null && $Object.hasOwnProperty.call(m, "runSpecSha256")) {
                    d.runSpecSha256 = m.runSpecSha256;
                }
                return d;
            };

            /**
             * Converts this TaskAssignment to JSON.
             * @function toJSON
             * @memberof consilium.v1.TaskAssignment
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TaskAssignment.prototype.toJSON = function() {
                return TaskAssignment.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TaskAssignment
             * @function getTypeUrl
             * @memberof consilium.v1.TaskAssignment
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TaskAssignment.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.TaskAssignment";
            };

            return TaskAssignment;
        })();

        v1.HyperParameters = (function() {

            /**
             * Properties of a HyperParameters.
             * @typedef {Object} consilium.v1.HyperParameters.$Properties
             * @property {number|null} [localEpochs] HyperParameters localEpochs
             * @property {number|null} [batchSize] HyperParameters batchSize
             * @property {string|null} [optimizer] HyperParameters optimizer
             * @property {number|null} [learningRate] HyperParameters learningRate
             * @property {string|null} [loss] HyperParameters loss
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HyperParameters.
             * @memberof consilium.v1
             * @interface IHyperParameters
             * @augments consilium.v1.HyperParameters.$Properties
             * @deprecated Use consilium.v1.HyperParameters.$Properties instead.
             */

            /**
             * Shape of a HyperParameters.
             * @typedef {consilium.v1.HyperParameters.$Properties} consilium.v1.HyperParameters.$Shape
             */

            /**
             * Constructs a new HyperParameters.
             * @memberof consilium.v1
             * @classdesc Represents a HyperParameters.
             * @constructor
             * @param {consilium.v1.HyperParameters.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HyperParameters = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * HyperParameters localEpochs.
             * @member {number} localEpochs
             * @memberof consilium.v1.HyperParameters
             * @instance
             */
            HyperParameters.prototype.localEpochs = 0;

            /**
             * HyperParameters batchSize.
             * @member {number} batchSize
             * @memberof consilium.v1.HyperParameters
             * @instance
             */
            HyperParameters.prototype.batchSize = 0;

            /**
             * HyperParameters optimizer.
             * @member {string} optimizer
             * @memberof consilium.v1.HyperParameters
             * @instance
             */
            HyperParameters.prototype.optimizer = "";

            /**
             * HyperParameters learningRate.
             * @member {number} learningRate
             * @memberof consilium.v1.HyperParameters
             * @instance
             */
            HyperParameters.prototype.learningRate = 0;

            /**
             * HyperParameters loss.
             * @member {string} loss
             * @memberof consilium.v1.HyperParameters
             * @instance
             */
            HyperParameters.prototype.loss = "";

            /**
             * Creates a new HyperParameters instance using the specified properties.
             * @function create
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {consilium.v1.HyperParameters.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.HyperParameters} HyperParameters instance
             * @type {{
             *   (properties: consilium.v1.HyperParameters.$Shape): consilium.v1.HyperParameters & consilium.v1.HyperParameters.$Shape;
             *   (properties?: consilium.v1.HyperParameters.$Properties): consilium.v1.HyperParameters;
             * }}
             */
            HyperParameters.create = function(properties) {
                return new HyperParameters(properties);
            };

            /**
             * Encodes the specified HyperParameters message. Does not implicitly {@link consilium.v1.HyperParameters.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {consilium.v1.HyperParameters.$Properties} m HyperParameters message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HyperParameters.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.localEpochs != null && $Object.hasOwnProperty.call(m, "localEpochs") && m.localEpochs !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.localEpochs);
                if (m.batchSize != null && $Object.hasOwnProperty.call(m, "batchSize") && m.batchSize !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.batchSize);
                if (m.optimizer != null && $Object.hasOwnProperty.call(m, "optimizer") && m.optimizer !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.optimizer);
                if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate") && !$Object.is(m.learningRate, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.learningRate);
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss") && m.loss !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.loss);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a HyperParameters message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.HyperParameters & consilium.v1.HyperParameters.$Shape} HyperParameters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HyperParameters.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.HyperParameters();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.localEpochs = v;
                            else
                                delete m.localEpochs;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.batchSize = v;
                            else
                                delete m.batchSize;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.optimizer = v;
                            else
                                delete m.optimizer;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.learningRate = v;
                            else
                                delete m.learningRate;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.loss = v;
                            else
                                delete m.loss;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a HyperParameters message.
             * @function verify
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            HyperParameters.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.localEpochs != null && $Object.hasOwnProperty.call(m, "localEpochs")) {
                    if (!$util.isInteger(m.localEpochs))
                        return "localEpochs: integer expected";
                }
                if (m.batchSize != null && $Object.hasOwnProperty.call(m, "batchSize")) {
                    if (!$util.isInteger(m.batchSize))
                        return "batchSize: integer expected";
                }
                if (m.optimizer != null && $Object.hasOwnProperty.call(m, "optimizer")) {
                    if (!$util.isString(m.optimizer))
                        return "optimizer: string expected";
                }
                if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate")) {
                    if (typeof m.learningRate !== "number")
                        return "learningRate: number expected";
                }
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss")) {
                    if (!$util.isString(m.loss))
                        return "loss: string expected";
                }
                return null;
            };

            /**
             * Creates a HyperParameters message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.HyperParameters} HyperParameters
             */
            HyperParameters.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.HyperParameters)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.HyperParameters: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.HyperParameters();
                if (d.localEpochs != null) {
                    if ($Number(d.localEpochs) !== 0) {
                        m.localEpochs = d.localEpochs >>> 0;
                    }
                }
                if (d.batchSize != null) {
                    if ($Number(d.batchSize) !== 0) {
                        m.batchSize = d.batchSize >>> 0;
                    }
                }
                if (d.optimizer != null) {
                    if (typeof d.optimizer !== "string" || d.optimizer.length) {
                        m.optimizer = $String(d.optimizer);
                    }
                }
                if (d.learningRate != null) {
                    if (!$Object.is($Number(d.learningRate), 0)) {
                        m.learningRate = $Number(d.learningRate);
                    }
                }
                if (d.loss != null) {
                    if (typeof d.loss !== "string" || d.loss.length) {
                        m.loss = $String(d.loss);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a HyperParameters message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {consilium.v1.HyperParameters} m HyperParameters
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            HyperParameters.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.localEpochs = 0;
                    d.batchSize = 0;
                    d.optimizer = "";
                    d.learningRate = 0;
                    d.loss = "";
                }
                if (m.localEpochs != null && $Object.hasOwnProperty.call(m, "localEpochs")) {
                    d.localEpochs = m.localEpochs;
                }
                if (m.batchSize != null && $Object.hasOwnProperty.call(m, "batchSize")) {
                    d.batchSize = m.batchSize;
                }
                if (m.optimizer != null && $Object.hasOwnProperty.call(m, "optimizer")) {
                    d.optimizer = m.optimizer;
                }
                if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate")) {
                    d.learningRate = o.json && !$isFinite(m.learningRate) ? $String(m.learningRate) : m.learningRate;
                }
                if (m.loss != null && $Object.hasOwnProperty.call(m, "loss")) {
                    d.loss = m.loss;
                }
                return d;
            };

            /**
             * Converts this HyperParameters to JSON.
             * @function toJSON
             * @memberof consilium.v1.HyperParameters
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            HyperParameters.prototype.toJSON = function() {
                return HyperParameters.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for HyperParameters
             * @function getTypeUrl
             * @memberof consilium.v1.HyperParameters
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            HyperParameters.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.HyperParameters";
            };

            return HyperParameters;
        })();

        v1.TaskCancellation = (function() {

            /**
             * Properties of a TaskCancellation.
             * @typedef {Object} consilium.v1.TaskCancellation.$Properties
             * @property {string|null} [taskId] TaskCancellation taskId
             * @property {string|null} [reason] TaskCancellation reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TaskCancellation.
             * @memberof consilium.v1
             * @interface ITaskCancellation
             * @augments consilium.v1.TaskCancellation.$Properties
             * @deprecated Use consilium.v1.TaskCancellation.$Properties instead.
             */

            /**
             * Shape of a TaskCancellation.
             * @typedef {consilium.v1.TaskCancellation.$Properties} consilium.v1.TaskCancellation.$Shape
             */

            /**
             * Constructs a new TaskCancellation.
             * @memberof consilium.v1
             * @classdesc Represents a TaskCancellation.
             * @constructor
             * @param {consilium.v1.TaskCancellation.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TaskCancellation = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TaskCancellation taskId.
             * @member {string} taskId
             * @memberof consilium.v1.TaskCancellation
             * @instance
             */
            TaskCancellation.prototype.taskId = "";

            /**
             * TaskCancellation reason.
             * @member {string} reason
             * @memberof consilium.v1.TaskCancellation
             * @instance
             */
            TaskCancellation.prototype.reason = "";

            /**
             * Creates a new TaskCancellation instance using the specified properties.
             * @function create
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {consilium.v1.TaskCancellation.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.TaskCancellation} TaskCancellation instance
             * @type {{
             *   (properties: consilium.v1.TaskCancellation.$Shape): consilium.v1.TaskCancellation & consilium.v1.TaskCancellation.$Shape;
             *   (properties?: consilium.v1.TaskCancellation.$Properties): consilium.v1.TaskCancellation;
             * }}
             */
            TaskCancellation.create = function(properties) {
                return new TaskCancellation(properties);
            };

            /**
             * Encodes the specified TaskCancellation message. Does not implicitly {@link consilium.v1.TaskCancellation.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {consilium.v1.TaskCancellation.$Properties} m TaskCancellation message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TaskCancellation.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.reason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TaskCancellation message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.TaskCancellation & consilium.v1.TaskCancellation.$Shape} TaskCancellation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TaskCancellation.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.TaskCancellation();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a TaskCancellation message.
             * @function verify
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TaskCancellation.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                return null;
            };

            /**
             * Creates a TaskCancellation message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.TaskCancellation} TaskCancellation
             */
            TaskCancellation.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.TaskCancellation)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.TaskCancellation: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.TaskCancellation();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a TaskCancellation message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {consilium.v1.TaskCancellation} m TaskCancellation
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TaskCancellation.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.taskId = "";
                    d.reason = "";
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                return d;
            };

            /**
             * Converts this TaskCancellation to JSON.
             * @function toJSON
             * @memberof consilium.v1.TaskCancellation
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TaskCancellation.prototype.toJSON = function() {
                return TaskCancellation.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TaskCancellation
             * @function getTypeUrl
             * @memberof consilium.v1.TaskCancellation
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TaskCancellation.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.TaskCancellation";
            };

            return TaskCancellation;
        })();

        v1.FetchModelRequest = (function() {

            /**
             * Properties of a FetchModelRequest.
             * @typedef {Object} consilium.v1.FetchModelRequest.$Properties
             * @property {string|null} [modelVersionId] FetchModelRequest modelVersionId
             * @property {number|null} [offset] FetchModelRequest offset
             * @property {number|null} [chunkBytes] FetchModelRequest chunkBytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FetchModelRequest.
             * @memberof consilium.v1
             * @interface IFetchModelRequest
             * @augments consilium.v1.FetchModelRequest.$Properties
             * @deprecated Use consilium.v1.FetchModelRequest.$Properties instead.
             */

            /**
             * Shape of a FetchModelRequest.
             * @typedef {consilium.v1.FetchModelRequest.$Properties} consilium.v1.FetchModelRequest.$Shape
             */

            /**
             * Constructs a new FetchModelRequest.
             * @memberof consilium.v1
             * @classdesc Represents a FetchModelRequest.
             * @constructor
             * @param {consilium.v1.FetchModelRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FetchModelRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FetchModelRequest modelVersionId.
             * @member {string} modelVersionId
             * @memberof consilium.v1.FetchModelRequest
             * @instance
             */
            FetchModelRequest.prototype.modelVersionId = "";

            /**
             * FetchModelRequest offset.
             * @member {number} offset
             * @memberof consilium.v1.FetchModelRequest
             * @instance
             */
            FetchModelRequest.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * FetchModelRequest chunkBytes.
             * @member {number} chunkBytes
             * @memberof consilium.v1.FetchModelRequest
             * @instance
             */
            FetchModelRequest.prototype.chunkBytes = 0;

            /**
             * Creates a new FetchModelRequest instance using the specified properties.
             * @function create
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {consilium.v1.FetchModelRequest.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.FetchModelRequest} FetchModelRequest instance
             * @type {{
             *   (properties: consilium.v1.FetchModelRequest.$Shape): consilium.v1.FetchModelRequest & consilium.v1.FetchModelRequest.$Shape;
             *   (properties?: consilium.v1.FetchModelRequest.$Properties): consilium.v1.FetchModelRequest;
             * }}
             */
            FetchModelRequest.create = function(properties) {
                return new FetchModelRequest(properties);
            };

            /**
             * Encodes the specified FetchModelRequest message. Does not implicitly {@link consilium.v1.FetchModelRequest.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {consilium.v1.FetchModelRequest.$Properties} m FetchModelRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FetchModelRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId") && m.modelVersionId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.modelVersionId);
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.offset);
                if (m.chunkBytes != null && $Object.hasOwnProperty.call(m, "chunkBytes") && m.chunkBytes !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.chunkBytes);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a FetchModelRequest message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.FetchModelRequest & consilium.v1.FetchModelRequest.$Shape} FetchModelRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FetchModelRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.FetchModelRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.modelVersionId = v;
                            else
                                delete m.modelVersionId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.offset = v;
                            else
                                delete m.offset;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.chunkBytes = v;
                            else
                                delete m.chunkBytes;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a FetchModelRequest message.
             * @function verify
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FetchModelRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId")) {
                    if (!$util.isString(m.modelVersionId))
                        return "modelVersionId: string expected";
                }
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (!$util.isInteger(m.offset) && !(m.offset && $util.isInteger(m.offset.low) && $util.isInteger(m.offset.high)))
                        return "offset: integer|Long expected";
                }
                if (m.chunkBytes != null && $Object.hasOwnProperty.call(m, "chunkBytes")) {
                    if (!$util.isInteger(m.chunkBytes))
                        return "chunkBytes: integer expected";
                }
                return null;
            };

            /**
             * Creates a FetchModelRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.FetchModelRequest} FetchModelRequest
             */
            FetchModelRequest.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.FetchModelRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.FetchModelRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.FetchModelRequest();
                if (d.modelVersionId != null) {
                    if (typeof d.modelVersionId !== "string" || d.modelVersionId.length) {
                        m.modelVersionId = $String(d.modelVersionId);
                    }
                }
                if (d.offset != null) {
                    if (typeof d.offset === "object" ? d.offset.low || d.offset.high : $Number(d.offset) !== 0) {
                        if ($util.Long)
                            m.offset = $util.Long.fromValue(d.offset, true);
                        else if (typeof d.offset === "string")
                            m.offset = $parseInt(d.offset, 10);
                        else if (typeof d.offset === "number")
                            m.offset = d.offset;
                        else if (typeof d.offset === "object")
                            m.offset = new $util.LongBits(d.offset.low >>> 0, d.offset.high >>> 0).toNumber(true);
                    }
                }
                if (d.chunkBytes != null) {
                    if ($Number(d.chunkBytes) !== 0) {
                        m.chunkBytes = d.chunkBytes >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a FetchModelRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {consilium.v1.FetchModelRequest} m FetchModelRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FetchModelRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.modelVersionId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.offset = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.offset = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.chunkBytes = 0;
                }
                if (m.modelVersionId != null && $Object.hasOwnProperty.call(m, "modelVersionId")) {
                    d.modelVersionId = m.modelVersionId;
                }
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.offset = typeof m.offset === "number" ? $BigInt(m.offset) : $util.Long.fromBits(m.offset.low >>> 0, m.offset.high >>> 0, true).toBigInt();
                    else if (typeof m.offset === "number")
                        d.offset = o.longs === $String ? $String(m.offset) : m.offset;
                    else
                        d.offset = o.longs === $String ? $util.Long.prototype.toString.call(m.offset) : o.longs === $Number ? new $util.LongBits(m.offset.low >>> 0, m.offset.high >>> 0).toNumber(true) : m.offset;
                }
                if (m.chunkBytes != null && $Object.hasOwnProperty.call(m, "chunkBytes")) {
                    d.chunkBytes = m.chunkBytes;
                }
                return d;
            };

            /**
             * Converts this FetchModelRequest to JSON.
             * @function toJSON
             * @memberof consilium.v1.FetchModelRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FetchModelRequest.prototype.toJSON = function() {
                return FetchModelRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FetchModelRequest
             * @function getTypeUrl
             * @memberof consilium.v1.FetchModelRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FetchModelRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.FetchModelRequest";
            };

            return FetchModelRequest;
        })();

        v1.ModelChunk = (function() {

            /**
             * Properties of a ModelChunk.
             * @typedef {Object} consilium.v1.ModelChunk.$Properties
             * @property {number|null} [offset] ModelChunk offset
             * @property {Uint8Array|null} [data] ModelChunk data
             * @property {number|null} [totalBytes] ModelChunk totalBytes
             * @property {string|null} [sha256] ModelChunk sha256
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ModelChunk.
             * @memberof consilium.v1
             * @interface IModelChunk
             * @augments consilium.v1.ModelChunk.$Properties
             * @deprecated Use consilium.v1.ModelChunk.$Properties instead.
             */

            /**
             * Shape of a ModelChunk.
             * @typedef {consilium.v1.ModelChunk.$Properties} consilium.v1.ModelChunk.$Shape
             */

            /**
             * Constructs a new ModelChunk.
             * @memberof consilium.v1
             * @classdesc Represents a ModelChunk.
             * @constructor
             * @param {consilium.v1.ModelChunk.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ModelChunk = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ModelChunk offset.
             * @member {number} offset
             * @memberof consilium.v1.ModelChunk
             * @instance
             */
            ModelChunk.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ModelChunk data.
             * @member {Uint8Array} data
             * @memberof consilium.v1.ModelChunk
             * @instance
             */
            ModelChunk.prototype.data = $util.newBuffer([]);

            /**
             * ModelChunk totalBytes.
             * @member {number} totalBytes
             * @memberof consilium.v1.ModelChunk
             * @instance
             */
            ModelChunk.prototype.totalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ModelChunk sha256.
             * @member {string} sha256
             * @memberof consilium.v1.ModelChunk
             * @instance
             */
            ModelChunk.prototype.sha256 = "";

            /**
             * Creates a new ModelChunk instance using the specified properties.
             * @function create
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {consilium.v1.ModelChunk.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.ModelChunk} ModelChunk instance
             * @type {{
             *   (properties: consilium.v1.ModelChunk.$Shape): consilium.v1.ModelChunk & consilium.v1.ModelChunk.$Shape;
             *   (properties?: consilium.v1.ModelChunk.$Properties): consilium.v1.ModelChunk;
             * }}
             */
            ModelChunk.create = function(properties) {
                return new ModelChunk(properties);
            };

            /**
             * Encodes the specified ModelChunk message. Does not implicitly {@link consilium.v1.ModelChunk.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {consilium.v1.ModelChunk.$Properties} m ModelChunk message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ModelChunk.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.offset);
                if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.data);
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes") && (typeof m.totalBytes === "object" ? m.totalBytes.low || m.totalBytes.high : m.totalBytes !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.totalBytes);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256 !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.sha256);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ModelChunk message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.ModelChunk & consilium.v1.ModelChunk.$Shape} ModelChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ModelChunk.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.ModelChunk();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.offset = v;
                            else
                                delete m.offset;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.data = v;
                            else
                                delete m.data;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.totalBytes = v;
                            else
                                delete m.totalBytes;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a ModelChunk message.
             * @function verify
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ModelChunk.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (!$util.isInteger(m.offset) && !(m.offset && $util.isInteger(m.offset.low) && $util.isInteger(m.offset.high)))
                        return "offset: integer|Long expected";
                }
                if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                    if (!(m.data && typeof m.data.length === "number" || $util.isString(m.data)))
                        return "data: buffer expected";
                }
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes")) {
                    if (!$util.isInteger(m.totalBytes) && !(m.totalBytes && $util.isInteger(m.totalBytes.low) && $util.isInteger(m.totalBytes.high)))
                        return "totalBytes: integer|Long expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!$util.isString(m.sha256))
                        return "sha256: string expected";
                }
                return null;
            };

            /**
             * Creates a ModelChunk message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.ModelChunk} ModelChunk
             */
            ModelChunk.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.ModelChunk)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.ModelChunk: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.ModelChunk();
                if (d.offset != null) {
                    if (typeof d.offset === "object" ? d.offset.low || d.offset.high : $Number(d.offset) !== 0) {
                        if ($util.Long)
                            m.offset = $util.Long.fromValue(d.offset, true);
                        else if (typeof d.offset === "string")
                            m.offset = $parseInt(d.offset, 10);
                        else if (typeof d.offset === "number")
                            m.offset = d.offset;
                        else if (typeof d.offset === "object")
                            m.offset = new $util.LongBits(d.offset.low >>> 0, d.offset.high >>> 0).toNumber(true);
                    }
                }
                if (d.data != null) {
                    if (d.data.length) {
                        if (typeof d.data === "string")
                            $util.base64.decode(d.data, m.data = $util.newBuffer($util.base64.length(d.data)), 0);
                        else if (d.data.length >= 0)
                            m.data = d.data;
                    }
                }
                if (d.totalBytes != null) {
                    if (typeof d.totalBytes === "object" ? d.totalBytes.low || d.totalBytes.high : $Number(d.totalBytes) !== 0) {
                        if ($util.Long)
                            m.totalBytes = $util.Long.fromValue(d.totalBytes, true);
                        else if (typeof d.totalBytes === "string")
                            m.totalBytes = $parseInt(d.totalBytes, 10);
                        else if (typeof d.totalBytes === "number")
                            m.totalBytes = d.totalBytes;
                        else if (typeof d.totalBytes === "object")
                            m.totalBytes = new $util.LongBits(d.totalBytes.low >>> 0, d.totalBytes.high >>> 0).toNumber(true);
                    }
                }
                if (d.sha256 != null) {
                    if (typeof d.sha256 !== "string" || d.sha256.length) {
                        m.sha256 = $String(d.sha256);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ModelChunk message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {consilium.v1.ModelChunk} m ModelChunk
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ModelChunk.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.offset = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.offset = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if (o.bytes === $String)
                        d.data = "";
                    else {
                        d.data = [];
                        if (o.bytes !== $Array)
                            d.data = $util.newBuffer(d.data);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.totalBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.totalBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.sha256 = "";
                }
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.offset = typeof m.offset === "number" ? $BigInt(m.offset) : $util.Long.fromBits(m.offset.low >>> 0, m.offset.high >>> 0, true).toBigInt();
                    else if (typeof m.offset === "number")
                        d.offset = o.longs === $String ? $String(m.offset) : m.offset;
                    else
                        d.offset = o.longs === $String ? $util.Long.prototype.toString.call(m.offset) : o.longs === $Number ? new $util.LongBits(m.offset.low >>> 0, m.offset.high >>> 0).toNumber(true) : m.offset;
                }
                if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                    d.data = o.bytes === $String ? $util.base64.encode(m.data, 0, m.data.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.data) : m.data;
                }
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.totalBytes = typeof m.totalBytes === "number" ? $BigInt(m.totalBytes) : $util.Long.fromBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.totalBytes === "number")
                        d.totalBytes = o.longs === $String ? $String(m.totalBytes) : m.totalBytes;
                    else
                        d.totalBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.totalBytes) : o.longs === $Number ? new $util.LongBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0).toNumber(true) : m.totalBytes;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = m.sha256;
                }
                return d;
            };

            /**
             * Converts this ModelChunk to JSON.
             * @function toJSON
             * @memberof consilium.v1.ModelChunk
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ModelChunk.prototype.toJSON = function() {
                return ModelChunk.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ModelChunk
             * @function getTypeUrl
             * @memberof consilium.v1.ModelChunk
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ModelChunk.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.ModelChunk";
            };

            return ModelChunk;
        })();

        v1.UpdateMessage = (function() {

            /**
             * Properties of an UpdateMessage.
             * @typedef {Object} consilium.v1.UpdateMessage.$Properties
             * @property {consilium.v1.UpdateHeader.$Properties|null} [header] UpdateMessage header
             * @property {Uint8Array|null} [chunk] UpdateMessage chunk
             * @property {"header"|"chunk"} [body] UpdateMessage body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UpdateMessage.
             * @memberof consilium.v1
             * @interface IUpdateMessage
             * @augments consilium.v1.UpdateMessage.$Properties
             * @deprecated Use consilium.v1.UpdateMessage.$Properties instead.
             */

            /**
             * Narrowed shape of an UpdateMessage.
             * @typedef {{
             *   header?: consilium.v1.UpdateHeader.$Shape|null;
             *   chunk?: Uint8Array|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; header?: null; chunk?: null }|{ body?: "header"; header: consilium.v1.UpdateHeader.$Shape; chunk?: null }|{ body?: "chunk"; header?: null; chunk: Uint8Array })
             * )} consilium.v1.UpdateMessage.$Shape
             */

            /**
             * Constructs a new UpdateMessage.
             * @memberof consilium.v1
             * @classdesc Represents an UpdateMessage.
             * @constructor
             * @param {consilium.v1.UpdateMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UpdateMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UpdateMessage header.
             * @member {consilium.v1.UpdateHeader.$Properties|null|undefined} header
             * @memberof consilium.v1.UpdateMessage
             * @instance
             */
            UpdateMessage.prototype.header = null;

            /**
             * UpdateMessage chunk.
             * @member {Uint8Array|null|undefined} chunk
             * @memberof consilium.v1.UpdateMessage
             * @instance
             */
            UpdateMessage.prototype.chunk = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * UpdateMessage body.
             * @member {"header"|"chunk"|undefined} body
             * @memberof consilium.v1.UpdateMessage
             * @instance
             */
            $Object.defineProperty(UpdateMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["header", "chunk"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new UpdateMessage instance using the specified properties.
             * @function create
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {consilium.v1.UpdateMessage.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.UpdateMessage} UpdateMessage instance
             * @type {{
             *   (properties: consilium.v1.UpdateMessage.$Shape): consilium.v1.UpdateMessage & consilium.v1.UpdateMessage.$Shape;
             *   (properties?: consilium.v1.UpdateMessage.$Properties): consilium.v1.UpdateMessage;
             * }}
             */
            UpdateMessage.create = function(properties) {
                return new UpdateMessage(properties);
            };

            /**
             * Encodes the specified UpdateMessage message. Does not implicitly {@link consilium.v1.UpdateMessage.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {consilium.v1.UpdateMessage.$Properties} m UpdateMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UpdateMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.header != null && $Object.hasOwnProperty.call(m, "header"))
                    $root.consilium.v1.UpdateHeader.encode(m.header, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.chunk != null && $Object.hasOwnProperty.call(m, "chunk"))
                    w.uint32(/* id 2, wireType 2 =*/18).bytes(m.chunk);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UpdateMessage message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateMessage & consilium.v1.UpdateMessage.$Shape} UpdateMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UpdateMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.UpdateMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.header = $root.consilium.v1.UpdateHeader.decode(r, r.size(), $undefined, q + 1, m.header);
                            m.body = "header";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.chunk = r.bytes();
                            m.body = "chunk";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an UpdateMessage message.
             * @function verify
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UpdateMessage.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    p.body = 1;
                    {
                        var e = $root.consilium.v1.UpdateHeader.verify(m.header, q + 1);
                        if (e)
                            return "header." + e;
                    }
                }
                if (m.chunk != null && $Object.hasOwnProperty.call(m, "chunk")) {
                    if (p.body === 1)
                        return "body: multiple values";
                    p.body = 1;
                    if (!(m.chunk && typeof m.chunk.length === "number" || $util.isString(m.chunk)))
                        return "chunk: buffer expected";
                }
                return null;
            };

            /**
             * Creates an UpdateMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.UpdateMessage} UpdateMessage
             */
            UpdateMessage.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.UpdateMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.UpdateMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.UpdateMessage();
                if (d.header != null) {
                    if (!$util.isObject(d.header))
                        throw $TypeError(".consilium.v1.UpdateMessage.header: object expected");
                    m.header = $root.consilium.v1.UpdateHeader.fromObject(d.header, q + 1);
                }
                if (d.chunk != null) {
                    if (typeof d.chunk === "string")
                        $util.base64.decode(d.chunk, m.chunk = $util.newBuffer($util.base64.length(d.chunk)), 0);
                    else if (d.chunk.length >= 0)
                        m.chunk = d.chunk;
                }
                return m;
            };

            /**
             * Creates a plain object from an UpdateMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {consilium.v1.UpdateMessage} m UpdateMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UpdateMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.header != null && $Object.hasOwnProperty.call(m, "header")) {
                    d.header = $root.consilium.v1.UpdateHeader.toObject(m.header, o, q + 1);
                    if (o.oneofs)
                        d.body = "header";
                }
                if (m.chunk != null && $Object.hasOwnProperty.call(m, "chunk")) {
                    d.chunk = o.bytes === $String ? $util.base64.encode(m.chunk, 0, m.chunk.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.chunk) : m.chunk;
                    if (o.oneofs)
                        d.body = "chunk";
                }
                return d;
            };

            /**
             * Converts this UpdateMessage to JSON.
             * @function toJSON
             * @memberof consilium.v1.UpdateMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UpdateMessage.prototype.toJSON = function() {
                return UpdateMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UpdateMessage
             * @function getTypeUrl
             * @memberof consilium.v1.UpdateMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UpdateMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.UpdateMessage";
            };

            return UpdateMessage;
        })();

        v1.UpdateHeader = (function() {

            /**
             * Properties of an UpdateHeader.
             * @typedef {Object} consilium.v1.UpdateHeader.$Properties
             * @property {string|null} [taskId] UpdateHeader taskId
             * @property {string|null} [runId] UpdateHeader runId
             * @property {number|null} [round] UpdateHeader round
             * @property {number|null} [sampleCount] UpdateHeader sampleCount
             * @property {Object.<string,number>|null} [metrics] UpdateHeader metrics
             * @property {string|null} [encoding] UpdateHeader encoding
             * @property {number|null} [totalBytes] UpdateHeader totalBytes
             * @property {string|null} [sha256] UpdateHeader sha256
             * @property {string|null} [baseModelVersionId] UpdateHeader baseModelVersionId
             * @property {number|null} [offset] UpdateHeader offset
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UpdateHeader.
             * @memberof consilium.v1
             * @interface IUpdateHeader
             * @augments consilium.v1.UpdateHeader.$Properties
             * @deprecated Use consilium.v1.UpdateHeader.$Properties instead.
             */

            /**
             * Shape of an UpdateHeader.
             * @typedef {consilium.v1.UpdateHeader.$Properties} consilium.v1.UpdateHeader.$Shape
             */

            /**
             * Constructs a new UpdateHeader.
             * @memberof consilium.v1
             * @classdesc Represents an UpdateHeader.
             * @constructor
             * @param {consilium.v1.UpdateHeader.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UpdateHeader = function (p) {
                this.metrics = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UpdateHeader taskId.
             * @member {string} taskId
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.taskId = "";

            /**
             * UpdateHeader runId.
             * @member {string} runId
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.runId = "";

            /**
             * UpdateHeader round.
             * @member {number} round
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.round = 0;

            /**
             * UpdateHeader sampleCount.
             * @member {number} sampleCount
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.sampleCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * UpdateHeader metrics.
             * @member {Object.<string,number>} metrics
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.metrics = $util.emptyObject;

            /**
             * UpdateHeader encoding.
             * @member {string} encoding
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.encoding = "";

            /**
             * UpdateHeader totalBytes.
             * @member {number} totalBytes
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.totalBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * UpdateHeader sha256.
             * @member {string} sha256
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.sha256 = "";

            /**
             * UpdateHeader baseModelVersionId.
             * @member {string} baseModelVersionId
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.baseModelVersionId = "";

            /**
             * UpdateHeader offset.
             * @member {number} offset
             * @memberof consilium.v1.UpdateHeader
             * @instance
             */
            UpdateHeader.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new UpdateHeader instance using the specified properties.
             * @function create
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {consilium.v1.UpdateHeader.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.UpdateHeader} UpdateHeader instance
             * @type {{
             *   (properties: consilium.v1.UpdateHeader.$Shape): consilium.v1.UpdateHeader & consilium.v1.UpdateHeader.$Shape;
             *   (properties?: consilium.v1.UpdateHeader.$Properties): consilium.v1.UpdateHeader;
             * }}
             */
            UpdateHeader.create = function(properties) {
                return new UpdateHeader(properties);
            };

            /**
             * Encodes the specified UpdateHeader message. Does not implicitly {@link consilium.v1.UpdateHeader.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {consilium.v1.UpdateHeader.$Properties} m UpdateHeader message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UpdateHeader.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.runId);
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.round);
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount") && (typeof m.sampleCount === "object" ? m.sampleCount.low || m.sampleCount.high : m.sampleCount !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.sampleCount);
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    for (var ks = $Object.keys(m.metrics), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.metrics[ks[i]]).ldelim();
                    }
                }
                if (m.encoding != null && $Object.hasOwnProperty.call(m, "encoding") && m.encoding !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.encoding);
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes") && (typeof m.totalBytes === "object" ? m.totalBytes.low || m.totalBytes.high : m.totalBytes !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).uint64(m.totalBytes);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256 !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.sha256);
                if (m.baseModelVersionId != null && $Object.hasOwnProperty.call(m, "baseModelVersionId") && m.baseModelVersionId !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.baseModelVersionId);
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset") && (typeof m.offset === "object" ? m.offset.low || m.offset.high : m.offset !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).uint64(m.offset);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UpdateHeader message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateHeader & consilium.v1.UpdateHeader.$Shape} UpdateHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UpdateHeader.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.UpdateHeader();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.sampleCount = v;
                            else
                                delete m.sampleCount;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (m.metrics === $util.emptyObject)
                                m.metrics = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.metrics, k);
                            m.metrics[k] = v;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.encoding = v;
                            else
                                delete m.encoding;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.totalBytes = v;
                            else
                                delete m.totalBytes;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.baseModelVersionId = v;
                            else
                                delete m.baseModelVersionId;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.offset = v;
                            else
                                delete m.offset;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an UpdateHeader message.
             * @function verify
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UpdateHeader.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    if (!$util.isString(m.runId))
                        return "runId: string expected";
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    if (!$util.isInteger(m.round))
                        return "round: integer expected";
                }
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount")) {
                    if (!$util.isInteger(m.sampleCount) && !(m.sampleCount && $util.isInteger(m.sampleCount.low) && $util.isInteger(m.sampleCount.high)))
                        return "sampleCount: integer|Long expected";
                }
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    if (!$util.isObject(m.metrics))
                        return "metrics: object expected";
                    var k = $Object.keys(m.metrics);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.metrics[k[i]] !== "number")
                            return "metrics: number{k:string} expected";
                    }
                }
                if (m.encoding != null && $Object.hasOwnProperty.call(m, "encoding")) {
                    if (!$util.isString(m.encoding))
                        return "encoding: string expected";
                }
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes")) {
                    if (!$util.isInteger(m.totalBytes) && !(m.totalBytes && $util.isInteger(m.totalBytes.low) && $util.isInteger(m.totalBytes.high)))
                        return "totalBytes: integer|Long expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!$util.isString(m.sha256))
                        return "sha256: string expected";
                }
                if (m.baseModelVersionId != null && $Object.hasOwnProperty.call(m, "baseModelVersionId")) {
                    if (!$util.isString(m.baseModelVersionId))
                        return "baseModelVersionId: string expected";
                }
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (!$util.isInteger(m.offset) && !(m.offset && $util.isInteger(m.offset.low) && $util.isInteger(m.offset.high)))
                        return "offset: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates an UpdateHeader message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.UpdateHeader} UpdateHeader
             */
            UpdateHeader.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.UpdateHeader)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.UpdateHeader: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.UpdateHeader();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.sampleCount != null) {
                    if (typeof d.sampleCount === "object" ? d.sampleCount.low || d.sampleCount.high : $Number(d.sampleCount) !== 0) {
                        if ($util.Long)
                            m.sampleCount = $util.Long.fromValue(d.sampleCount, true);
                        else if (typeof d.sampleCount === "string")
                            m.sampleCount = $parseInt(d.sampleCount, 10);
                        else if (typeof d.sampleCount === "number")
                            m.sampleCount = d.sampleCount;
                        else if (typeof d.sampleCount === "object")
                            m.sampleCount = new $util.LongBits(d.sampleCount.low >>> 0, d.sampleCount.high >>> 0).toNumber(true);
                    }
                }
                if (d.metrics) {
                    if (!$util.isObject(d.metrics))
                        throw $TypeError(".consilium.v1.UpdateHeader.metrics: object expected");
                    m.metrics = {};
                    for (var ks = $Object.keys(d.metrics), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.metrics, ks[i]);
                        m.metrics[ks[i]] = $Number(d.metrics[ks[i]]);
                    }
                }
                if (d.encoding != null) {
                    if (typeof d.encoding !== "string" || d.encoding.length) {
                        m.encoding = $String(d.encoding);
                    }
                }
                if (d.totalBytes != null) {
                    if (typeof d.totalBytes === "object" ? d.totalBytes.low || d.totalBytes.high : $Number(d.totalBytes) !== 0) {
                        if ($util.Long)
                            m.totalBytes = $util.Long.fromValue(d.totalBytes, true);
                        else if (typeof d.totalBytes === "string")
                            m.totalBytes = $parseInt(d.totalBytes, 10);
                        else if (typeof d.totalBytes === "number")
                            m.totalBytes = d.totalBytes;
                        else if (typeof d.totalBytes === "object")
                            m.totalBytes = new $util.LongBits(d.totalBytes.low >>> 0, d.totalBytes.high >>> 0).toNumber(true);
                    }
                }
                if (d.sha256 != null) {
                    if (typeof d.sha256 !== "string" || d.sha256.length) {
                        m.sha256 = $String(d.sha256);
                    }
                }
                if (d.baseModelVersionId != null) {
                    if (typeof d.baseModelVersionId !== "string" || d.baseModelVersionId.length) {
                        m.baseModelVersionId = $String(d.baseModelVersionId);
                    }
                }
                if (d.offset != null) {
                    if (typeof d.offset === "object" ? d.offset.low || d.offset.high : $Number(d.offset) !== 0) {
                        if ($util.Long)
                            m.offset = $util.Long.fromValue(d.offset, true);
                        else if (typeof d.offset === "string")
                            m.offset = $parseInt(d.offset, 10);
                        else if (typeof d.offset === "number")
                            m.offset = d.offset;
                        else if (typeof d.offset === "object")
                            m.offset = new $util.LongBits(d.offset.low >>> 0, d.offset.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UpdateHeader message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {consilium.v1.UpdateHeader} m UpdateHeader
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UpdateHeader.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.metrics = {};
                }
                if (o.defaults) {
                    d.taskId = "";
                    d.runId = "";
                    d.round = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.sampleCount = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.sampleCount = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.encoding = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.totalBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.totalBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.sha256 = "";
                    d.baseModelVersionId = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.offset = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.offset = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.sampleCount != null && $Object.hasOwnProperty.call(m, "sampleCount")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.sampleCount = typeof m.sampleCount === "number" ? $BigInt(m.sampleCount) : $util.Long.fromBits(m.sampleCount.low >>> 0, m.sampleCount.high >>> 0, true).toBigInt();
                    else if (typeof m.sampleCount === "number")
                        d.sampleCount = o.longs === $String ? $String(m.sampleCount) : m.sampleCount;
                    else
                        d.sampleCount = o.longs === $String ? $util.Long.prototype.toString.call(m.sampleCount) : o.longs === $Number ? new $util.LongBits(m.sampleCount.low >>> 0, m.sampleCount.high >>> 0).toNumber(true) : m.sampleCount;
                }
                var ks2;
                if (m.metrics && (ks2 = $Object.keys(m.metrics)).length) {
                    d.metrics = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.metrics, ks2[j]);
                        d.metrics[ks2[j]] = o.json && !$isFinite(m.metrics[ks2[j]]) ? $String(m.metrics[ks2[j]]) : m.metrics[ks2[j]];
                    }
                }
                if (m.encoding != null && $Object.hasOwnProperty.call(m, "encoding")) {
                    d.encoding = m.encoding;
                }
                if (m.totalBytes != null && $Object.hasOwnProperty.call(m, "totalBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.totalBytes = typeof m.totalBytes === "number" ? $BigInt(m.totalBytes) : $util.Long.fromBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.totalBytes === "number")
                        d.totalBytes = o.longs === $String ? $String(m.totalBytes) : m.totalBytes;
                    else
                        d.totalBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.totalBytes) : o.longs === $Number ? new $util.LongBits(m.totalBytes.low >>> 0, m.totalBytes.high >>> 0).toNumber(true) : m.totalBytes;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = m.sha256;
                }
                if (m.baseModelVersionId != null && $Object.hasOwnProperty.call(m, "baseModelVersionId")) {
                    d.baseModelVersionId = m.baseModelVersionId;
                }
                if (m.offset != null && $Object.hasOwnProperty.call(m, "offset")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.offset = typeof m.offset === "number" ? $BigInt(m.offset) : $util.Long.fromBits(m.offset.low >>> 0, m.offset.high >>> 0, true).toBigInt();
                    else if (typeof m.offset === "number")
                        d.offset = o.longs === $String ? $String(m.offset) : m.offset;
                    else
                        d.offset = o.longs === $String ? $util.Long.prototype.toString.call(m.offset) : o.longs === $Number ? new $util.LongBits(m.offset.low >>> 0, m.offset.high >>> 0).toNumber(true) : m.offset;
                }
                return d;
            };

            /**
             * Converts this UpdateHeader to JSON.
             * @function toJSON
             * @memberof consilium.v1.UpdateHeader
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UpdateHeader.prototype.toJSON = function() {
                return UpdateHeader.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UpdateHeader
             * @function getTypeUrl
             * @memberof consilium.v1.UpdateHeader
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UpdateHeader.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.UpdateHeader";
            };

            return UpdateHeader;
        })();

        v1.UploadStatusRequest = (function() {

            /**
             * Properties of an UploadStatusRequest.
             * @typedef {Object} consilium.v1.UploadStatusRequest.$Properties
             * @property {string|null} [taskId] UploadStatusRequest taskId
             * @property {string|null} [sha256] UploadStatusRequest sha256
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UploadStatusRequest.
             * @memberof consilium.v1
             * @interface IUploadStatusRequest
             * @augments consilium.v1.UploadStatusRequest.$Properties
             * @deprecated Use consilium.v1.UploadStatusRequest.$Properties instead.
             */

            /**
             * Shape of an UploadStatusRequest.
             * @typedef {consilium.v1.UploadStatusRequest.$Properties} consilium.v1.UploadStatusRequest.$Shape
             */

            /**
             * Constructs a new UploadStatusRequest.
             * @memberof consilium.v1
             * @classdesc Represents an UploadStatusRequest.
             * @constructor
             * @param {consilium.v1.UploadStatusRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UploadStatusRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UploadStatusRequest taskId.
             * @member {string} taskId
             * @memberof consilium.v1.UploadStatusRequest
             * @instance
             */
            UploadStatusRequest.prototype.taskId = "";

            /**
             * UploadStatusRequest sha256.
             * @member {string} sha256
             * @memberof consilium.v1.UploadStatusRequest
             * @instance
             */
            UploadStatusRequest.prototype.sha256 = "";

            /**
             * Creates a new UploadStatusRequest instance using the specified properties.
             * @function create
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {consilium.v1.UploadStatusRequest.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.UploadStatusRequest} UploadStatusRequest instance
             * @type {{
             *   (properties: consilium.v1.UploadStatusRequest.$Shape): consilium.v1.UploadStatusRequest & consilium.v1.UploadStatusRequest.$Shape;
             *   (properties?: consilium.v1.UploadStatusRequest.$Properties): consilium.v1.UploadStatusRequest;
             * }}
             */
            UploadStatusRequest.create = function(properties) {
                return new UploadStatusRequest(properties);
            };

            /**
             * Encodes the specified UploadStatusRequest message. Does not implicitly {@link consilium.v1.UploadStatusRequest.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {consilium.v1.UploadStatusRequest.$Properties} m UploadStatusRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UploadStatusRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.taskId);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256 !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.sha256);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UploadStatusRequest message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.UploadStatusRequest & consilium.v1.UploadStatusRequest.$Shape} UploadStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UploadStatusRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.UploadStatusRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an UploadStatusRequest message.
             * @function verify
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UploadStatusRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!$util.isString(m.sha256))
                        return "sha256: string expected";
                }
                return null;
            };

            /**
             * Creates an UploadStatusRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.UploadStatusRequest} UploadStatusRequest
             */
            UploadStatusRequest.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.UploadStatusRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.UploadStatusRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.UploadStatusRequest();
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.sha256 != null) {
                    if (typeof d.sha256 !== "string" || d.sha256.length) {
                        m.sha256 = $String(d.sha256);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UploadStatusRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {consilium.v1.UploadStatusRequest} m UploadStatusRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UploadStatusRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.taskId = "";
                    d.sha256 = "";
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = m.sha256;
                }
                return d;
            };

            /**
             * Converts this UploadStatusRequest to JSON.
             * @function toJSON
             * @memberof consilium.v1.UploadStatusRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UploadStatusRequest.prototype.toJSON = function() {
                return UploadStatusRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UploadStatusRequest
             * @function getTypeUrl
             * @memberof consilium.v1.UploadStatusRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UploadStatusRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.UploadStatusRequest";
            };

            return UploadStatusRequest;
        })();

        v1.UploadStatus = (function() {

            /**
             * Properties of an UploadStatus.
             * @typedef {Object} consilium.v1.UploadStatus.$Properties
             * @property {number|null} [receivedBytes] UploadStatus receivedBytes
             * @property {consilium.v1.UpdateReceipt.$Properties|null} [receipt] UploadStatus receipt
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UploadStatus.
             * @memberof consilium.v1
             * @interface IUploadStatus
             * @augments consilium.v1.UploadStatus.$Properties
             * @deprecated Use consilium.v1.UploadStatus.$Properties instead.
             */

            /**
             * Shape of an UploadStatus.
             * @typedef {consilium.v1.UploadStatus.$Properties} consilium.v1.UploadStatus.$Shape
             */

            /**
             * Constructs a new UploadStatus.
             * @memberof consilium.v1
             * @classdesc Represents an UploadStatus.
             * @constructor
             * @param {consilium.v1.UploadStatus.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UploadStatus = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UploadStatus receivedBytes.
             * @member {number} receivedBytes
             * @memberof consilium.v1.UploadStatus
             * @instance
             */
            UploadStatus.prototype.receivedBytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * UploadStatus receipt.
             * @member {consilium.v1.UpdateReceipt.$Properties|null|undefined} receipt
             * @memberof consilium.v1.UploadStatus
             * @instance
             */
            UploadStatus.prototype.receipt = null;

            /**
             * Creates a new UploadStatus instance using the specified properties.
             * @function create
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {consilium.v1.UploadStatus.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.UploadStatus} UploadStatus instance
             * @type {{
             *   (properties: consilium.v1.UploadStatus.$Shape): consilium.v1.UploadStatus & consilium.v1.UploadStatus.$Shape;
             *   (properties?: consilium.v1.UploadStatus.$Properties): consilium.v1.UploadStatus;
             * }}
             */
            UploadStatus.create = function(properties) {
                return new UploadStatus(properties);
            };

            /**
             * Encodes the specified UploadStatus message. Does not implicitly {@link consilium.v1.UploadStatus.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {consilium.v1.UploadStatus.$Properties} m UploadStatus message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UploadStatus.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.receivedBytes != null && $Object.hasOwnProperty.call(m, "receivedBytes") && (typeof m.receivedBytes === "object" ? m.receivedBytes.low || m.receivedBytes.high : m.receivedBytes !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.receivedBytes);
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt"))
                    $root.consilium.v1.UpdateReceipt.encode(m.receipt, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UploadStatus message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.UploadStatus & consilium.v1.UploadStatus.$Shape} UploadStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UploadStatus.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.UploadStatus();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.receivedBytes = v;
                            else
                                delete m.receivedBytes;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.receipt = $root.consilium.v1.UpdateReceipt.decode(r, r.size(), $undefined, q + 1, m.receipt);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an UploadStatus message.
             * @function verify
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UploadStatus.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.receivedBytes != null && $Object.hasOwnProperty.call(m, "receivedBytes")) {
                    if (!$util.isInteger(m.receivedBytes) && !(m.receivedBytes && $util.isInteger(m.receivedBytes.low) && $util.isInteger(m.receivedBytes.high)))
                        return "receivedBytes: integer|Long expected";
                }
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt")) {
                    {
                        var e = $root.consilium.v1.UpdateReceipt.verify(m.receipt, q + 1);
                        if (e)
                            return "receipt." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an UploadStatus message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.UploadStatus} UploadStatus
             */
            UploadStatus.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.UploadStatus)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.UploadStatus: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.UploadStatus();
                if (d.receivedBytes != null) {
                    if (typeof d.receivedBytes === "object" ? d.receivedBytes.low || d.receivedBytes.high : $Number(d.receivedBytes) !== 0) {
                        if ($util.Long)
                            m.receivedBytes = $util.Long.fromValue(d.receivedBytes, true);
                        else if (typeof d.receivedBytes === "string")
                            m.receivedBytes = $parseInt(d.receivedBytes, 10);
                        else if (typeof d.receivedBytes === "number")
                            m.receivedBytes = d.receivedBytes;
                        else if (typeof d.receivedBytes === "object")
                            m.receivedBytes = new $util.LongBits(d.receivedBytes.low >>> 0, d.receivedBytes.high >>> 0).toNumber(true);
                    }
                }
                if (d.receipt != null) {
                    if (!$util.isObject(d.receipt))
                        throw $TypeError(".consilium.v1.UploadStatus.receipt: object expected");
                    m.receipt = $root.consilium.v1.UpdateReceipt.fromObject(d.receipt, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an UploadStatus message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {consilium.v1.UploadStatus} m UploadStatus
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UploadStatus.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.receivedBytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.receivedBytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.receipt = null;
                }
                if (m.receivedBytes != null && $Object.hasOwnProperty.call(m, "receivedBytes")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.receivedBytes = typeof m.receivedBytes === "number" ? $BigInt(m.receivedBytes) : $util.Long.fromBits(m.receivedBytes.low >>> 0, m.receivedBytes.high >>> 0, true).toBigInt();
                    else if (typeof m.receivedBytes === "number")
                        d.receivedBytes = o.longs === $String ? $String(m.receivedBytes) : m.receivedBytes;
                    else
                        d.receivedBytes = o.longs === $String ? $util.Long.prototype.toString.call(m.receivedBytes) : o.longs === $Number ? new $util.LongBits(m.receivedBytes.low >>> 0, m.receivedBytes.high >>> 0).toNumber(true) : m.receivedBytes;
                }
                if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt")) {
                    d.receipt = $root.consilium.v1.UpdateReceipt.toObject(m.receipt, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this UploadStatus to JSON.
             * @function toJSON
             * @memberof consilium.v1.UploadStatus
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UploadStatus.prototype.toJSON = function() {
                return UploadStatus.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UploadStatus
             * @function getTypeUrl
             * @memberof consilium.v1.UploadStatus
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UploadStatus.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.UploadStatus";
            };

            return UploadStatus;
        })();

        v1.UpdateReceipt = (function() {

            /**
             * Properties of an UpdateReceipt.
             * @typedef {Object} consilium.v1.UpdateReceipt.$Properties
             * @property {string|null} [updateId] UpdateReceipt updateId
             * @property {string|null} [sha256] UpdateReceipt sha256
             * @property {boolean|null} [accepted] UpdateReceipt accepted
             * @property {string|null} [reason] UpdateReceipt reason
             * @property {number|null} [receivedAtUnixMs] UpdateReceipt receivedAtUnixMs
             * @property {string|null} [taskId] UpdateReceipt taskId
             * @property {string|null} [runId] UpdateReceipt runId
             * @property {number|null} [round] UpdateReceipt round
             * @property {number|null} [auditSeq] UpdateReceipt auditSeq
             * @property {string|null} [signature] UpdateReceipt signature
             * @property {string|null} [keyId] UpdateReceipt keyId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an UpdateReceipt.
             * @memberof consilium.v1
             * @interface IUpdateReceipt
             * @augments consilium.v1.UpdateReceipt.$Properties
             * @deprecated Use consilium.v1.UpdateReceipt.$Properties instead.
             */

            /**
             * Shape of an UpdateReceipt.
             * @typedef {consilium.v1.UpdateReceipt.$Properties} consilium.v1.UpdateReceipt.$Shape
             */

            /**
             * Constructs a new UpdateReceipt.
             * @memberof consilium.v1
             * @classdesc Represents an UpdateReceipt.
             * @constructor
             * @param {consilium.v1.UpdateReceipt.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UpdateReceipt = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * UpdateReceipt updateId.
             * @member {string} updateId
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.updateId = "";

            /**
             * UpdateReceipt sha256.
             * @member {string} sha256
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.sha256 = "";

            /**
             * UpdateReceipt accepted.
             * @member {boolean} accepted
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.accepted = false;

            /**
             * UpdateReceipt reason.
             * @member {string} reason
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.reason = "";

            /**
             * UpdateReceipt receivedAtUnixMs.
             * @member {number} receivedAtUnixMs
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.receivedAtUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * UpdateReceipt taskId.
             * @member {string} taskId
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.taskId = "";

            /**
             * UpdateReceipt runId.
             * @member {string} runId
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.runId = "";

            /**
             * UpdateReceipt round.
             * @member {number} round
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.round = 0;

            /**
             * UpdateReceipt auditSeq.
             * @member {number} auditSeq
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.auditSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * UpdateReceipt signature.
             * @member {string} signature
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.signature = "";

            /**
             * UpdateReceipt keyId.
             * @member {string} keyId
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             */
            UpdateReceipt.prototype.keyId = "";

            /**
             * Creates a new UpdateReceipt instance using the specified properties.
             * @function create
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {consilium.v1.UpdateReceipt.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.UpdateReceipt} UpdateReceipt instance
             * @type {{
             *   (properties: consilium.v1.UpdateReceipt.$Shape): consilium.v1.UpdateReceipt & consilium.v1.UpdateReceipt.$Shape;
             *   (properties?: consilium.v1.UpdateReceipt.$Properties): consilium.v1.UpdateReceipt;
             * }}
             */
            UpdateReceipt.create = function(properties) {
                return new UpdateReceipt(properties);
            };

            /**
             * Encodes the specified UpdateReceipt message. Does not implicitly {@link consilium.v1.UpdateReceipt.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {consilium.v1.UpdateReceipt.$Properties} m UpdateReceipt message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UpdateReceipt.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId") && m.updateId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.updateId);
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256") && m.sha256 !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.sha256);
                if (m.accepted != null && $Object.hasOwnProperty.call(m, "accepted") && m.accepted !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.accepted);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.reason);
                if (m.receivedAtUnixMs != null && $Object.hasOwnProperty.call(m, "receivedAtUnixMs") && (typeof m.receivedAtUnixMs === "object" ? m.receivedAtUnixMs.low || m.receivedAtUnixMs.high : m.receivedAtUnixMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.receivedAtUnixMs);
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId") && m.taskId !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.taskId);
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.runId);
                if (m.round != null && $Object.hasOwnProperty.call(m, "round") && m.round !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.round);
                if (m.auditSeq != null && $Object.hasOwnProperty.call(m, "auditSeq") && (typeof m.auditSeq === "object" ? m.auditSeq.low || m.auditSeq.high : m.auditSeq !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).uint64(m.auditSeq);
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature") && m.signature !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.signature);
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId") && m.keyId !== "")
                    w.uint32(/* id 11, wireType 2 =*/90).string(m.keyId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an UpdateReceipt message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateReceipt & consilium.v1.UpdateReceipt.$Shape} UpdateReceipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UpdateReceipt.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.UpdateReceipt();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updateId = v;
                            else
                                delete m.updateId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sha256 = v;
                            else
                                delete m.sha256;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.accepted = v;
                            else
                                delete m.accepted;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.receivedAtUnixMs = v;
                            else
                                delete m.receivedAtUnixMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.taskId = v;
                            else
                                delete m.taskId;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.runId = v;
                            else
                                delete m.runId;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.round = v;
                            else
                                delete m.round;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.auditSeq = v;
                            else
                                delete m.auditSeq;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.signature = v;
                            else
                                delete m.signature;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.keyId = v;
                            else
                                delete m.keyId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies an UpdateReceipt message.
             * @function verify
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            UpdateReceipt.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId")) {
                    if (!$util.isString(m.updateId))
                        return "updateId: string expected";
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    if (!$util.isString(m.sha256))
                        return "sha256: string expected";
                }
                if (m.accepted != null && $Object.hasOwnProperty.call(m, "accepted")) {
                    if (typeof m.accepted !== "boolean")
                        return "accepted: boolean expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.receivedAtUnixMs != null && $Object.hasOwnProperty.call(m, "receivedAtUnixMs")) {
                    if (!$util.isInteger(m.receivedAtUnixMs) && !(m.receivedAtUnixMs && $util.isInteger(m.receivedAtUnixMs.low) && $util.isInteger(m.receivedAtUnixMs.high)))
                        return "receivedAtUnixMs: integer|Long expected";
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    if (!$util.isString(m.taskId))
                        return "taskId: string expected";
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    if (!$util.isString(m.runId))
                        return "runId: string expected";
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    if (!$util.isInteger(m.round))
                        return "round: integer expected";
                }
                if (m.auditSeq != null && $Object.hasOwnProperty.call(m, "auditSeq")) {
                    if (!$util.isInteger(m.auditSeq) && !(m.auditSeq && $util.isInteger(m.auditSeq.low) && $util.isInteger(m.auditSeq.high)))
                        return "auditSeq: integer|Long expected";
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    if (!$util.isString(m.signature))
                        return "signature: string expected";
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    if (!$util.isString(m.keyId))
                        return "keyId: string expected";
                }
                return null;
            };

            /**
             * Creates an UpdateReceipt message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.UpdateReceipt} UpdateReceipt
             */
            UpdateReceipt.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.UpdateReceipt)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.UpdateReceipt: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.UpdateReceipt();
                if (d.updateId != null) {
                    if (typeof d.updateId !== "string" || d.updateId.length) {
                        m.updateId = $String(d.updateId);
                    }
                }
                if (d.sha256 != null) {
                    if (typeof d.sha256 !== "string" || d.sha256.length) {
                        m.sha256 = $String(d.sha256);
                    }
                }
                if (d.accepted != null) {
                    if (d.accepted) {
                        m.accepted = $Boolean(d.accepted);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.receivedAtUnixMs != null) {
                    if (typeof d.receivedAtUnixMs === "object" ? d.receivedAtUnixMs.low || d.receivedAtUnixMs.high : $Number(d.receivedAtUnixMs) !== 0) {
                        if ($util.Long)
                            m.receivedAtUnixMs = $util.Long.fromValue(d.receivedAtUnixMs, true);
                        else if (typeof d.receivedAtUnixMs === "string")
                            m.receivedAtUnixMs = $parseInt(d.receivedAtUnixMs, 10);
                        else if (typeof d.receivedAtUnixMs === "number")
                            m.receivedAtUnixMs = d.receivedAtUnixMs;
                        else if (typeof d.receivedAtUnixMs === "object")
                            m.receivedAtUnixMs = new $util.LongBits(d.receivedAtUnixMs.low >>> 0, d.receivedAtUnixMs.high >>> 0).toNumber(true);
                    }
                }
                if (d.taskId != null) {
                    if (typeof d.taskId !== "string" || d.taskId.length) {
                        m.taskId = $String(d.taskId);
                    }
                }
                if (d.runId != null) {
                    if (typeof d.runId !== "string" || d.runId.length) {
                        m.runId = $String(d.runId);
                    }
                }
                if (d.round != null) {
                    if ($Number(d.round) !== 0) {
                        m.round = d.round >>> 0;
                    }
                }
                if (d.auditSeq != null) {
                    if (typeof d.auditSeq === "object" ? d.auditSeq.low || d.auditSeq.high : $Number(d.auditSeq) !== 0) {
                        if ($util.Long)
                            m.auditSeq = $util.Long.fromValue(d.auditSeq, true);
                        else if (typeof d.auditSeq === "string")
                            m.auditSeq = $parseInt(d.auditSeq, 10);
                        else if (typeof d.auditSeq === "number")
                            m.auditSeq = d.auditSeq;
                        else if (typeof d.auditSeq === "object")
                            m.auditSeq = new $util.LongBits(d.auditSeq.low >>> 0, d.auditSeq.high >>> 0).toNumber(true);
                    }
                }
                if (d.signature != null) {
                    if (typeof d.signature !== "string" || d.signature.length) {
                        m.signature = $String(d.signature);
                    }
                }
                if (d.keyId != null) {
                    if (typeof d.keyId !== "string" || d.keyId.length) {
                        m.keyId = $String(d.keyId);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an UpdateReceipt message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {consilium.v1.UpdateReceipt} m UpdateReceipt
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            UpdateReceipt.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.updateId = "";
                    d.sha256 = "";
                    d.accepted = false;
                    d.reason = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.receivedAtUnixMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.receivedAtUnixMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.taskId = "";
                    d.runId = "";
                    d.round = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.auditSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.auditSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.signature = "";
                    d.keyId = "";
                }
                if (m.updateId != null && $Object.hasOwnProperty.call(m, "updateId")) {
                    d.updateId = m.updateId;
                }
                if (m.sha256 != null && $Object.hasOwnProperty.call(m, "sha256")) {
                    d.sha256 = m.sha256;
                }
                if (m.accepted != null && $Object.hasOwnProperty.call(m, "accepted")) {
                    d.accepted = m.accepted;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.receivedAtUnixMs != null && $Object.hasOwnProperty.call(m, "receivedAtUnixMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.receivedAtUnixMs = typeof m.receivedAtUnixMs === "number" ? $BigInt(m.receivedAtUnixMs) : $util.Long.fromBits(m.receivedAtUnixMs.low >>> 0, m.receivedAtUnixMs.high >>> 0, true).toBigInt();
                    else if (typeof m.receivedAtUnixMs === "number")
                        d.receivedAtUnixMs = o.longs === $String ? $String(m.receivedAtUnixMs) : m.receivedAtUnixMs;
                    else
                        d.receivedAtUnixMs = o.longs === $String ? $util.Long.prototype.toString.call(m.receivedAtUnixMs) : o.longs === $Number ? new $util.LongBits(m.receivedAtUnixMs.low >>> 0, m.receivedAtUnixMs.high >>> 0).toNumber(true) : m.receivedAtUnixMs;
                }
                if (m.taskId != null && $Object.hasOwnProperty.call(m, "taskId")) {
                    d.taskId = m.taskId;
                }
                if (m.runId != null && $Object.hasOwnProperty.call(m, "runId")) {
                    d.runId = m.runId;
                }
                if (m.round != null && $Object.hasOwnProperty.call(m, "round")) {
                    d.round = m.round;
                }
                if (m.auditSeq != null && $Object.hasOwnProperty.call(m, "auditSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.auditSeq = typeof m.auditSeq === "number" ? $BigInt(m.auditSeq) : $util.Long.fromBits(m.auditSeq.low >>> 0, m.auditSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.auditSeq === "number")
                        d.auditSeq = o.longs === $String ? $String(m.auditSeq) : m.auditSeq;
                    else
                        d.auditSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.auditSeq) : o.longs === $Number ? new $util.LongBits(m.auditSeq.low >>> 0, m.auditSeq.high >>> 0).toNumber(true) : m.auditSeq;
                }
                if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
                    d.signature = m.signature;
                }
                if (m.keyId != null && $Object.hasOwnProperty.call(m, "keyId")) {
                    d.keyId = m.keyId;
                }
                return d;
            };

            /**
             * Converts this UpdateReceipt to JSON.
             * @function toJSON
             * @memberof consilium.v1.UpdateReceipt
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            UpdateReceipt.prototype.toJSON = function() {
                return UpdateReceipt.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for UpdateReceipt
             * @function getTypeUrl
             * @memberof consilium.v1.UpdateReceipt
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            UpdateReceipt.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.UpdateReceipt";
            };

            return UpdateReceipt;
        })();

        v1.RenewCertificateRequest = (function() {

            /**
             * Properties of a RenewCertificateRequest.
             * @typedef {Object} consilium.v1.RenewCertificateRequest.$Properties
             * @property {string|null} [csrPem] RenewCertificateRequest csrPem
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RenewCertificateRequest.
             * @memberof consilium.v1
             * @interface IRenewCertificateRequest
             * @augments consilium.v1.RenewCertificateRequest.$Properties
             * @deprecated Use consilium.v1.RenewCertificateRequest.$Properties instead.
             */

            /**
             * Shape of a RenewCertificateRequest.
             * @typedef {consilium.v1.RenewCertificateRequest.$Properties} consilium.v1.RenewCertificateRequest.$Shape
             */

            /**
             * Constructs a new RenewCertificateRequest.
             * @memberof consilium.v1
             * @classdesc Represents a RenewCertificateRequest.
             * @constructor
             * @param {consilium.v1.RenewCertificateRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RenewCertificateRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * RenewCertificateRequest csrPem.
             * @member {string} csrPem
             * @memberof consilium.v1.RenewCertificateRequest
             * @instance
             */
            RenewCertificateRequest.prototype.csrPem = "";

            /**
             * Creates a new RenewCertificateRequest instance using the specified properties.
             * @function create
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {consilium.v1.RenewCertificateRequest.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.RenewCertificateRequest} RenewCertificateRequest instance
             * @type {{
             *   (properties: consilium.v1.RenewCertificateRequest.$Shape): consilium.v1.RenewCertificateRequest & consilium.v1.RenewCertificateRequest.$Shape;
             *   (properties?: consilium.v1.RenewCertificateRequest.$Properties): consilium.v1.RenewCertificateRequest;
             * }}
             */
            RenewCertificateRequest.create = function(properties) {
                return new RenewCertificateRequest(properties);
            };

            /**
             * Encodes the specified RenewCertificateRequest message. Does not implicitly {@link consilium.v1.RenewCertificateRequest.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {consilium.v1.RenewCertificateRequest.$Properties} m RenewCertificateRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RenewCertificateRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.csrPem != null && $Object.hasOwnProperty.call(m, "csrPem") && m.csrPem !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.csrPem);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a RenewCertificateRequest message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.RenewCertificateRequest & consilium.v1.RenewCertificateRequest.$Shape} RenewCertificateRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RenewCertificateRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.RenewCertificateRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.csrPem = v;
                            else
                                delete m.csrPem;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a RenewCertificateRequest message.
             * @function verify
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RenewCertificateRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.csrPem != null && $Object.hasOwnProperty.call(m, "csrPem")) {
                    if (!$util.isString(m.csrPem))
                        return "csrPem: string expected";
                }
                return null;
            };

            /**
             * Creates a RenewCertificateRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.RenewCertificateRequest} RenewCertificateRequest
             */
            RenewCertificateRequest.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.RenewCertificateRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.RenewCertificateRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.RenewCertificateRequest();
                if (d.csrPem != null) {
                    if (typeof d.csrPem !== "string" || d.csrPem.length) {
                        m.csrPem = $String(d.csrPem);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a RenewCertificateRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {consilium.v1.RenewCertificateRequest} m RenewCertificateRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RenewCertificateRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.csrPem = "";
                }
                if (m.csrPem != null && $Object.hasOwnProperty.call(m, "csrPem")) {
                    d.csrPem = m.csrPem;
                }
                return d;
            };

            /**
             * Converts this RenewCertificateRequest to JSON.
             * @function toJSON
             * @memberof consilium.v1.RenewCertificateRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RenewCertificateRequest.prototype.toJSON = function() {
                return RenewCertificateRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RenewCertificateRequest
             * @function getTypeUrl
             * @memberof consilium.v1.RenewCertificateRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RenewCertificateRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.RenewCertificateRequest";
            };

            return RenewCertificateRequest;
        })();

        v1.SiteCertificate = (function() {

            /**
             * Properties of a SiteCertificate.
             * @typedef {Object} consilium.v1.SiteCertificate.$Properties
             * @property {string|null} [certificatePem] SiteCertificate certificatePem
             * @property {string|null} [caCertificatePem] SiteCertificate caCertificatePem
             * @property {string|null} [serial] SiteCertificate serial
             * @property {string|null} [notAfter] SiteCertificate notAfter
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SiteCertificate.
             * @memberof consilium.v1
             * @interface ISiteCertificate
             * @augments consilium.v1.SiteCertificate.$Properties
             * @deprecated Use consilium.v1.SiteCertificate.$Properties instead.
             */

            /**
             * Shape of a SiteCertificate.
             * @typedef {consilium.v1.SiteCertificate.$Properties} consilium.v1.SiteCertificate.$Shape
             */

            /**
             * Constructs a new SiteCertificate.
             * @memberof consilium.v1
             * @classdesc Represents a SiteCertificate.
             * @constructor
             * @param {consilium.v1.SiteCertificate.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SiteCertificate = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SiteCertificate certificatePem.
             * @member {string} certificatePem
             * @memberof consilium.v1.SiteCertificate
             * @instance
             */
            SiteCertificate.prototype.certificatePem = "";

            /**
             * SiteCertificate caCertificatePem.
             * @member {string} caCertificatePem
             * @memberof consilium.v1.SiteCertificate
             * @instance
             */
            SiteCertificate.prototype.caCertificatePem = "";

            /**
             * SiteCertificate serial.
             * @member {string} serial
             * @memberof consilium.v1.SiteCertificate
             * @instance
             */
            SiteCertificate.prototype.serial = "";

            /**
             * SiteCertificate notAfter.
             * @member {string} notAfter
             * @memberof consilium.v1.SiteCertificate
             * @instance
             */
            SiteCertificate.prototype.notAfter = "";

            /**
             * Creates a new SiteCertificate instance using the specified properties.
             * @function create
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {consilium.v1.SiteCertificate.$Properties=} [properties] Properties to set
             * @returns {consilium.v1.SiteCertificate} SiteCertificate instance
             * @type {{
             *   (properties: consilium.v1.SiteCertificate.$Shape): consilium.v1.SiteCertificate & consilium.v1.SiteCertificate.$Shape;
             *   (properties?: consilium.v1.SiteCertificate.$Properties): consilium.v1.SiteCertificate;
             * }}
             */
            SiteCertificate.create = function(properties) {
                return new SiteCertificate(properties);
            };

            /**
             * Encodes the specified SiteCertificate message. Does not implicitly {@link consilium.v1.SiteCertificate.verify|verify} messages.
             * @function encode
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {consilium.v1.SiteCertificate.$Properties} m SiteCertificate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SiteCertificate.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.certificatePem != null && $Object.hasOwnProperty.call(m, "certificatePem") && m.certificatePem !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.certificatePem);
                if (m.caCertificatePem != null && $Object.hasOwnProperty.call(m, "caCertificatePem") && m.caCertificatePem !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.caCertificatePem);
                if (m.serial != null && $Object.hasOwnProperty.call(m, "serial") && m.serial !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.serial);
                if (m.notAfter != null && $Object.hasOwnProperty.call(m, "notAfter") && m.notAfter !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.notAfter);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SiteCertificate message from the specified reader or buffer.
             * @function decode
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {consilium.v1.SiteCertificate & consilium.v1.SiteCertificate.$Shape} SiteCertificate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SiteCertificate.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.consilium.v1.SiteCertificate();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.certificatePem = v;
                            else
                                delete m.certificatePem;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.caCertificatePem = v;
                            else
                                delete m.caCertificatePem;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.serial = v;
                            else
                                delete m.serial;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.notAfter = v;
                            else
                                delete m.notAfter;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Verifies a SiteCertificate message.
             * @function verify
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SiteCertificate.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.certificatePem != null && $Object.hasOwnProperty.call(m, "certificatePem")) {
                    if (!$util.isString(m.certificatePem))
                        return "certificatePem: string expected";
                }
                if (m.caCertificatePem != null && $Object.hasOwnProperty.call(m, "caCertificatePem")) {
                    if (!$util.isString(m.caCertificatePem))
                        return "caCertificatePem: string expected";
                }
                if (m.serial != null && $Object.hasOwnProperty.call(m, "serial")) {
                    if (!$util.isString(m.serial))
                        return "serial: string expected";
                }
                if (m.notAfter != null && $Object.hasOwnProperty.call(m, "notAfter")) {
                    if (!$util.isString(m.notAfter))
                        return "notAfter: string expected";
                }
                return null;
            };

            /**
             * Creates a SiteCertificate message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {consilium.v1.SiteCertificate} SiteCertificate
             */
            SiteCertificate.fromObject = function (d, q) {
                if (d instanceof $root.consilium.v1.SiteCertificate)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".consilium.v1.SiteCertificate: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.consilium.v1.SiteCertificate();
                if (d.certificatePem != null) {
                    if (typeof d.certificatePem !== "string" || d.certificatePem.length) {
                        m.certificatePem = $String(d.certificatePem);
                    }
                }
                if (d.caCertificatePem != null) {
                    if (typeof d.caCertificatePem !== "string" || d.caCertificatePem.length) {
                        m.caCertificatePem = $String(d.caCertificatePem);
                    }
                }
                if (d.serial != null) {
                    if (typeof d.serial !== "string" || d.serial.length) {
                        m.serial = $String(d.serial);
                    }
                }
                if (d.notAfter != null) {
                    if (typeof d.notAfter !== "string" || d.notAfter.length) {
                        m.notAfter = $String(d.notAfter);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SiteCertificate message. Also converts values to other types if specified.
             * @function toObject
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {consilium.v1.SiteCertificate} m SiteCertificate
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SiteCertificate.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.certificatePem = "";
                    d.caCertificatePem = "";
                    d.serial = "";
                    d.notAfter = "";
                }
                if (m.certificatePem != null && $Object.hasOwnProperty.call(m, "certificatePem")) {
                    d.certificatePem = m.certificatePem;
                }
                if (m.caCertificatePem != null && $Object.hasOwnProperty.call(m, "caCertificatePem")) {
                    d.caCertificatePem = m.caCertificatePem;
                }
                if (m.serial != null && $Object.hasOwnProperty.call(m, "serial")) {
                    d.serial = m.serial;
                }
                if (m.notAfter != null && $Object.hasOwnProperty.call(m, "notAfter")) {
                    d.notAfter = m.notAfter;
                }
                return d;
            };

            /**
             * Converts this SiteCertificate to JSON.
             * @function toJSON
             * @memberof consilium.v1.SiteCertificate
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SiteCertificate.prototype.toJSON = function() {
                return SiteCertificate.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SiteCertificate
             * @function getTypeUrl
             * @memberof consilium.v1.SiteCertificate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SiteCertificate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/consilium.v1.SiteCertificate";
            };

            return SiteCertificate;
        })();

        return v1;
    })();

    return consilium;
})();

export {
  $root as default
};
