import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace consilium. */
export namespace consilium {

    /** Namespace v1. */
    namespace v1 {

        /** Represents a SiteService */
        class SiteService extends $protobuf.rpc.Service {

            /**
             * Constructs a new SiteService service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new SiteService service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): SiteService;

            /** Calls Connect. */
            connect: consilium.v1.SiteService.Connect;

            /** Calls FetchModel. */
            fetchModel: consilium.v1.SiteService.FetchModel;

            /** Calls SubmitUpdate. */
            submitUpdate: consilium.v1.SiteService.SubmitUpdate;

            /** Calls RenewCertificate. */
            renewCertificate: consilium.v1.SiteService.RenewCertificate;

            /** Calls UploadStatus. */
            uploadStatus: consilium.v1.SiteService.UploadStatus;
        }

        namespace SiteService {

            /**
             * Callback as used by {@link consilium.v1.SiteService#connect}.
             * @param error Error, if any
             * @param [response] CoordinatorMessage
             */
            type ConnectCallback = (error: (Error|null), response?: consilium.v1.CoordinatorMessage) => void;

            /** Calls Connect. */
            type Connect = {
              (request: consilium.v1.ISiteMessage, callback: consilium.v1.SiteService.ConnectCallback): void;
              (request: consilium.v1.ISiteMessage): Promise<consilium.v1.CoordinatorMessage>;
              readonly name: "Connect";
              readonly path: "/consilium.v1.SiteService/Connect";
              readonly requestType: "SiteMessage";
              readonly responseType: "CoordinatorMessage";
              readonly requestStream: true;
              readonly responseStream: true;
            };

            /**
             * Callback as used by {@link consilium.v1.SiteService#fetchModel}.
             * @param error Error, if any
             * @param [response] ModelChunk
             */
            type FetchModelCallback = (error: (Error|null), response?: consilium.v1.ModelChunk) => void;

            /** Calls FetchModel. */
            type FetchModel = {
              (request: consilium.v1.IFetchModelRequest, callback: consilium.v1.SiteService.FetchModelCallback): void;
              (request: consilium.v1.IFetchModelRequest): Promise<consilium.v1.ModelChunk>;
              readonly name: "FetchModel";
              readonly path: "/consilium.v1.SiteService/FetchModel";
              readonly requestType: "FetchModelRequest";
              readonly responseType: "ModelChunk";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };

            /**
             * Callback as used by {@link consilium.v1.SiteService#submitUpdate}.
             * @param error Error, if any
             * @param [response] UpdateReceipt
             */
            type SubmitUpdateCallback = (error: (Error|null), response?: consilium.v1.UpdateReceipt) => void;

            /** Calls SubmitUpdate. */
            type SubmitUpdate = {
              (request: consilium.v1.IUpdateMessage, callback: consilium.v1.SiteService.SubmitUpdateCallback): void;
              (request: consilium.v1.IUpdateMessage): Promise<consilium.v1.UpdateReceipt>;
              readonly name: "SubmitUpdate";
              readonly path: "/consilium.v1.SiteService/SubmitUpdate";
              readonly requestType: "UpdateMessage";
              readonly responseType: "UpdateReceipt";
              readonly requestStream: true;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link consilium.v1.SiteService#renewCertificate}.
             * @param error Error, if any
             * @param [response] SiteCertificate
             */
            type RenewCertificateCallback = (error: (Error|null), response?: consilium.v1.SiteCertificate) => void;

            /** Calls RenewCertificate. */
            type RenewCertificate = {
              (request: consilium.v1.IRenewCertificateRequest, callback: consilium.v1.SiteService.RenewCertificateCallback): void;
              (request: consilium.v1.IRenewCertificateRequest): Promise<consilium.v1.SiteCertificate>;
              readonly name: "RenewCertificate";
              readonly path: "/consilium.v1.SiteService/RenewCertificate";
              readonly requestType: "RenewCertificateRequest";
              readonly responseType: "SiteCertificate";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link consilium.v1.SiteService#uploadStatus}.
             * @param error Error, if any
             * @param [response] UploadStatus
             */
            type UploadStatusCallback = (error: (Error|null), response?: consilium.v1.UploadStatus) => void;

            /** Calls UploadStatus. */
            type UploadStatus = {
              (request: consilium.v1.IUploadStatusRequest, callback: consilium.v1.SiteService.UploadStatusCallback): void;
              (request: consilium.v1.IUploadStatusRequest): Promise<consilium.v1.UploadStatus>;
              readonly name: "UploadStatus";
              readonly path: "/consilium.v1.SiteService/UploadStatus";
              readonly requestType: "UploadStatusRequest";
              readonly responseType: "UploadStatus";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
        }

        /**
         * Properties of a SiteMessage.
         * @deprecated Use consilium.v1.SiteMessage.$Properties instead.
         */
        interface ISiteMessage extends consilium.v1.SiteMessage.$Properties {
        }

        /** Represents a SiteMessage. */
        class SiteMessage {

            /**
             * Constructs a new SiteMessage.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.SiteMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SiteMessage hello. */
            hello?: (consilium.v1.Hello.$Properties|null);

            /** SiteMessage heartbeat. */
            heartbeat?: (consilium.v1.Heartbeat.$Properties|null);

            /** SiteMessage progress. */
            progress?: (consilium.v1.TaskProgress.$Properties|null);

            /** SiteMessage failure. */
            failure?: (consilium.v1.TaskFailure.$Properties|null);

            /** SiteMessage evaluation. */
            evaluation?: (consilium.v1.EvaluationResult.$Properties|null);

            /** SiteMessage consent. */
            consent?: (consilium.v1.Consent.$Properties|null);

            /** SiteMessage body. */
            body?: ("hello"|"heartbeat"|"progress"|"failure"|"evaluation"|"consent");

            /**
             * Creates a new SiteMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SiteMessage instance
             */
            static create(properties: consilium.v1.SiteMessage.$Shape): consilium.v1.SiteMessage & consilium.v1.SiteMessage.$Shape;
            static create(properties?: consilium.v1.SiteMessage.$Properties): consilium.v1.SiteMessage;

            /**
             * Encodes the specified SiteMessage message. Does not implicitly {@link consilium.v1.SiteMessage.verify|verify} messages.
             * @param m SiteMessage message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.SiteMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SiteMessage message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.SiteMessage & consilium.v1.SiteMessage.$Shape} SiteMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.SiteMessage & consilium.v1.SiteMessage.$Shape;

            /**
             * Verifies a SiteMessage message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a SiteMessage message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns SiteMessage
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.SiteMessage;

            /**
             * Creates a plain object from a SiteMessage message. Also converts values to other types if specified.
             * @param m SiteMessage
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.SiteMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SiteMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SiteMessage
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteMessage {

            /** Properties of a SiteMessage. */
            interface $Properties {

                /** SiteMessage hello */
                hello?: (consilium.v1.Hello.$Properties|null);

                /** SiteMessage heartbeat */
                heartbeat?: (consilium.v1.Heartbeat.$Properties|null);

                /** SiteMessage progress */
                progress?: (consilium.v1.TaskProgress.$Properties|null);

                /** SiteMessage failure */
                failure?: (consilium.v1.TaskFailure.$Properties|null);

                /** SiteMessage evaluation */
                evaluation?: (consilium.v1.EvaluationResult.$Properties|null);

                /** SiteMessage consent */
                consent?: (consilium.v1.Consent.$Properties|null);

                /** SiteMessage body */
                body?: ("hello"|"heartbeat"|"progress"|"failure"|"evaluation"|"consent");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a SiteMessage. */
            type $Shape = {
              hello?: consilium.v1.Hello.$Shape|null;
              heartbeat?: consilium.v1.Heartbeat.$Shape|null;
              progress?: consilium.v1.TaskProgress.$Shape|null;
              failure?: consilium.v1.TaskFailure.$Shape|null;
              evaluation?: consilium.v1.EvaluationResult.$Shape|null;
              consent?: consilium.v1.Consent.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "hello"; hello: consilium.v1.Hello.$Shape; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "heartbeat"; hello?: null; heartbeat: consilium.v1.Heartbeat.$Shape; progress?: null; failure?: null; evaluation?: null; consent?: null }|{ body?: "progress"; hello?: null; heartbeat?: null; progress: consilium.v1.TaskProgress.$Shape; failure?: null; evaluation?: null; consent?: null }|{ body?: "failure"; hello?: null; heartbeat?: null; progress?: null; failure: consilium.v1.TaskFailure.$Shape; evaluation?: null; consent?: null }|{ body?: "evaluation"; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation: consilium.v1.EvaluationResult.$Shape; consent?: null }|{ body?: "consent"; hello?: null; heartbeat?: null; progress?: null; failure?: null; evaluation?: null; consent: consilium.v1.Consent.$Shape })
            );
        }

        /**
         * Properties of a Consent.
         * @deprecated Use consilium.v1.Consent.$Properties instead.
         */
        interface IConsent extends consilium.v1.Consent.$Properties {
        }

        /** Represents a Consent. */
        class Consent {

            /**
             * Constructs a new Consent.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.Consent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Consent runId. */
            runId: string;

            /** Consent specSha256. */
            specSha256: string;

            /** Consent state. */
            state: string;

            /** Consent reason. */
            reason: string;

            /**
             * Creates a new Consent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Consent instance
             */
            static create(properties: consilium.v1.Consent.$Shape): consilium.v1.Consent & consilium.v1.Consent.$Shape;
            static create(properties?: consilium.v1.Consent.$Properties): consilium.v1.Consent;

            /**
             * Encodes the specified Consent message. Does not implicitly {@link consilium.v1.Consent.verify|verify} messages.
             * @param m Consent message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.Consent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Consent message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.Consent & consilium.v1.Consent.$Shape} Consent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.Consent & consilium.v1.Consent.$Shape;

            /**
             * Verifies a Consent message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Consent message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Consent
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.Consent;

            /**
             * Creates a plain object from a Consent message. Also converts values to other types if specified.
             * @param m Consent
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.Consent, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Consent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Consent
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Consent {

            /** Properties of a Consent. */
            interface $Properties {

                /** Consent runId */
                runId?: (string|null);

                /** Consent specSha256 */
                specSha256?: (string|null);

                /** Consent state */
                state?: (string|null);

                /** Consent reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Consent. */
            type $Shape = consilium.v1.Consent.$Properties;
        }

        /**
         * Properties of a Hello.
         * @deprecated Use consilium.v1.Hello.$Properties instead.
         */
        interface IHello extends consilium.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello siteId. */
            siteId: string;

            /** Hello agentVersion. */
            agentVersion: string;

            /** Hello backend. */
            backend?: (consilium.v1.TrainingBackend.$Properties|null);

            /** Hello dataset. */
            dataset?: (consilium.v1.DatasetSummary.$Properties|null);

            /** Hello protocol. */
            protocol: string;

            /** Hello dataProfileJson. */
            dataProfileJson: string;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: consilium.v1.Hello.$Shape): consilium.v1.Hello & consilium.v1.Hello.$Shape;
            static create(properties?: consilium.v1.Hello.$Properties): consilium.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link consilium.v1.Hello.verify|verify} messages.
             * @param m Hello message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.Hello.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.Hello & consilium.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.Hello & consilium.v1.Hello.$Shape;

            /**
             * Verifies a Hello message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Hello message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Hello
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.Hello;

            /**
             * Creates a plain object from a Hello message. Also converts values to other types if specified.
             * @param m Hello
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.Hello, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Hello to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Hello
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello siteId */
                siteId?: (string|null);

                /** Hello agentVersion */
                agentVersion?: (string|null);

                /** Hello backend */
                backend?: (consilium.v1.TrainingBackend.$Properties|null);

                /** Hello dataset */
                dataset?: (consilium.v1.DatasetSummary.$Properties|null);

                /** Hello protocol */
                protocol?: (string|null);

                /** Hello dataProfileJson */
                dataProfileJson?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = consilium.v1.Hello.$Properties;
        }

        /**
         * Properties of a TrainingBackend.
         * @deprecated Use consilium.v1.TrainingBackend.$Properties instead.
         */
        interface ITrainingBackend extends consilium.v1.TrainingBackend.$Properties {
        }

        /** Represents a TrainingBackend. */
        class TrainingBackend {

            /**
             * Constructs a new TrainingBackend.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.TrainingBackend.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TrainingBackend name. */
            name: string;

            /** TrainingBackend device. */
            device: string;

            /** TrainingBackend notes. */
            notes: string[];

            /**
             * Creates a new TrainingBackend instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TrainingBackend instance
             */
            static create(properties: consilium.v1.TrainingBackend.$Shape): consilium.v1.TrainingBackend & consilium.v1.TrainingBackend.$Shape;
            static create(properties?: consilium.v1.TrainingBackend.$Properties): consilium.v1.TrainingBackend;

            /**
             * Encodes the specified TrainingBackend message. Does not implicitly {@link consilium.v1.TrainingBackend.verify|verify} messages.
             * @param m TrainingBackend message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.TrainingBackend.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TrainingBackend message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.TrainingBackend & consilium.v1.TrainingBackend.$Shape} TrainingBackend
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.TrainingBackend & consilium.v1.TrainingBackend.$Shape;

            /**
             * Verifies a TrainingBackend message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a TrainingBackend message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns TrainingBackend
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.TrainingBackend;

            /**
             * Creates a plain object from a TrainingBackend message. Also converts values to other types if specified.
             * @param m TrainingBackend
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.TrainingBackend, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TrainingBackend to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TrainingBackend
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TrainingBackend {

            /** Properties of a TrainingBackend. */
            interface $Properties {

                /** TrainingBackend name */
                name?: (string|null);

                /** TrainingBackend device */
                device?: (string|null);

                /** TrainingBackend notes */
                notes?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TrainingBackend. */
            type $Shape = consilium.v1.TrainingBackend.$Properties;
        }

        /**
         * Properties of a DatasetSummary.
         * @deprecated Use consilium.v1.DatasetSummary.$Properties instead.
         */
        interface IDatasetSummary extends consilium.v1.DatasetSummary.$Properties {
        }

        /** Represents a DatasetSummary. */
        class DatasetSummary {

            /**
             * Constructs a new DatasetSummary.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.DatasetSummary.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DatasetSummary kind. */
            kind: string;

            /** DatasetSummary trainSamples. */
            trainSamples: number;

            /** DatasetSummary validationSamples. */
            validationSamples: number;

            /** DatasetSummary classes. */
            classes: string[];

            /** DatasetSummary classCounts. */
            classCounts: number[];

            /** DatasetSummary inputShape. */
            inputShape: number[];

            /** DatasetSummary skippedFiles. */
            skippedFiles: number;

            /** DatasetSummary fingerprint. */
            fingerprint: string;

            /**
             * Creates a new DatasetSummary instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DatasetSummary instance
             */
            static create(properties: consilium.v1.DatasetSummary.$Shape): consilium.v1.DatasetSummary & consilium.v1.DatasetSummary.$Shape;
            static create(properties?: consilium.v1.DatasetSummary.$Properties): consilium.v1.DatasetSummary;

            /**
             * Encodes the specified DatasetSummary message. Does not implicitly {@link consilium.v1.DatasetSummary.verify|verify} messages.
             * @param m DatasetSummary message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.DatasetSummary.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DatasetSummary message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.DatasetSummary & consilium.v1.DatasetSummary.$Shape} DatasetSummary
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.DatasetSummary & consilium.v1.DatasetSummary.$Shape;

            /**
             * Verifies a DatasetSummary message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a DatasetSummary message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns DatasetSummary
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.DatasetSummary;

            /**
             * Creates a plain object from a DatasetSummary message. Also converts values to other types if specified.
             * @param m DatasetSummary
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.DatasetSummary, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DatasetSummary to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for DatasetSummary
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace DatasetSummary {

            /** Properties of a DatasetSummary. */
            interface $Properties {

                /** DatasetSummary kind */
                kind?: (string|null);

                /** DatasetSummary trainSamples */
                trainSamples?: (number|null);

                /** DatasetSummary validationSamples */
                validationSamples?: (number|null);

                /** DatasetSummary classes */
                classes?: (string[]|null);

                /** DatasetSummary classCounts */
                classCounts?: (number[]|null);

                /** DatasetSummary inputShape */
                inputShape?: (number[]|null);

                /** DatasetSummary skippedFiles */
                skippedFiles?: (number|null);

                /** DatasetSummary fingerprint */
                fingerprint?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DatasetSummary. */
            type $Shape = consilium.v1.DatasetSummary.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use consilium.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends consilium.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat sentAtUnixMs. */
            sentAtUnixMs: number;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: consilium.v1.Heartbeat.$Shape): consilium.v1.Heartbeat & consilium.v1.Heartbeat.$Shape;
            static create(properties?: consilium.v1.Heartbeat.$Properties): consilium.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link consilium.v1.Heartbeat.verify|verify} messages.
             * @param m Heartbeat message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.Heartbeat.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.Heartbeat & consilium.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.Heartbeat & consilium.v1.Heartbeat.$Shape;

            /**
             * Verifies a Heartbeat message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Heartbeat
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.Heartbeat;

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @param m Heartbeat
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.Heartbeat, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Heartbeat to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Heartbeat
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat sentAtUnixMs */
                sentAtUnixMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = consilium.v1.Heartbeat.$Properties;
        }

        /**
         * Properties of a TaskProgress.
         * @deprecated Use consilium.v1.TaskProgress.$Properties instead.
         */
        interface ITaskProgress extends consilium.v1.TaskProgress.$Properties {
        }

        /** Represents a TaskProgress. */
        class TaskProgress {

            /**
             * Constructs a new TaskProgress.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.TaskProgress.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskProgress taskId. */
            taskId: string;

            /** TaskProgress phase. */
            phase: string;

            /** TaskProgress epoch. */
            epoch: number;

            /** TaskProgress epochs. */
            epochs: number;

            /** TaskProgress fraction. */
            fraction: number;

            /**
             * Creates a new TaskProgress instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskProgress instance
             */
            static create(properties: consilium.v1.TaskProgress.$Shape): consilium.v1.TaskProgress & consilium.v1.TaskProgress.$Shape;
            static create(properties?: consilium.v1.TaskProgress.$Properties): consilium.v1.TaskProgress;

            /**
             * Encodes the specified TaskProgress message. Does not implicitly {@link consilium.v1.TaskProgress.verify|verify} messages.
             * @param m TaskProgress message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.TaskProgress.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskProgress message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.TaskProgress & consilium.v1.TaskProgress.$Shape} TaskProgress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.TaskProgress & consilium.v1.TaskProgress.$Shape;

            /**
             * Verifies a TaskProgress message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a TaskProgress message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns TaskProgress
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.TaskProgress;

            /**
             * Creates a plain object from a TaskProgress message. Also converts values to other types if specified.
             * @param m TaskProgress
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.TaskProgress, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskProgress to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TaskProgress
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TaskProgress {

            /** Properties of a TaskProgress. */
            interface $Properties {

                /** TaskProgress taskId */
                taskId?: (string|null);

                /** TaskProgress phase */
                phase?: (string|null);

                /** TaskProgress epoch */
                epoch?: (number|null);

                /** TaskProgress epochs */
                epochs?: (number|null);

                /** TaskProgress fraction */
                fraction?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskProgress. */
            type $Shape = consilium.v1.TaskProgress.$Properties;
        }

        /**
         * Properties of an EvaluationResult.
         * @deprecated Use consilium.v1.EvaluationResult.$Properties instead.
         */
        interface IEvaluationResult extends consilium.v1.EvaluationResult.$Properties {
        }

        /** Represents an EvaluationResult. */
        class EvaluationResult {

            /**
             * Constructs a new EvaluationResult.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.EvaluationResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EvaluationResult taskId. */
            taskId: string;

            /** EvaluationResult sampleCount. */
            sampleCount: number;

            /** EvaluationResult metrics. */
            metrics: { [k: string]: number };

            /**
             * Creates a new EvaluationResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EvaluationResult instance
             */
            static create(properties: consilium.v1.EvaluationResult.$Shape): consilium.v1.EvaluationResult & consilium.v1.EvaluationResult.$Shape;
            static create(properties?: consilium.v1.EvaluationResult.$Properties): consilium.v1.EvaluationResult;

            /**
             * Encodes the specified EvaluationResult message. Does not implicitly {@link consilium.v1.EvaluationResult.verify|verify} messages.
             * @param m EvaluationResult message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.EvaluationResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EvaluationResult message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.EvaluationResult & consilium.v1.EvaluationResult.$Shape} EvaluationResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.EvaluationResult & consilium.v1.EvaluationResult.$Shape;

            /**
             * Verifies an EvaluationResult message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an EvaluationResult message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns EvaluationResult
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.EvaluationResult;

            /**
             * Creates a plain object from an EvaluationResult message. Also converts values to other types if specified.
             * @param m EvaluationResult
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.EvaluationResult, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EvaluationResult to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for EvaluationResult
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvaluationResult {

            /** Properties of an EvaluationResult. */
            interface $Properties {

                /** EvaluationResult taskId */
                taskId?: (string|null);

                /** EvaluationResult sampleCount */
                sampleCount?: (number|null);

                /** EvaluationResult metrics */
                metrics?: ({ [k: string]: number }|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EvaluationResult. */
            type $Shape = consilium.v1.EvaluationResult.$Properties;
        }

        /**
         * Properties of a TaskFailure.
         * @deprecated Use consilium.v1.TaskFailure.$Properties instead.
         */
        interface ITaskFailure extends consilium.v1.TaskFailure.$Properties {
        }

        /** Represents a TaskFailure. */
        class TaskFailure {

            /**
             * Constructs a new TaskFailure.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.TaskFailure.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskFailure taskId. */
            taskId: string;

            /** TaskFailure reason. */
            reason: string;

            /**
             * Creates a new TaskFailure instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskFailure instance
             */
            static create(properties: consilium.v1.TaskFailure.$Shape): consilium.v1.TaskFailure & consilium.v1.TaskFailure.$Shape;
            static create(properties?: consilium.v1.TaskFailure.$Properties): consilium.v1.TaskFailure;

            /**
             * Encodes the specified TaskFailure message. Does not implicitly {@link consilium.v1.TaskFailure.verify|verify} messages.
             * @param m TaskFailure message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.TaskFailure.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskFailure message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.TaskFailure & consilium.v1.TaskFailure.$Shape} TaskFailure
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.TaskFailure & consilium.v1.TaskFailure.$Shape;

            /**
             * Verifies a TaskFailure message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a TaskFailure message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns TaskFailure
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.TaskFailure;

            /**
             * Creates a plain object from a TaskFailure message. Also converts values to other types if specified.
             * @param m TaskFailure
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.TaskFailure, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskFailure to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TaskFailure
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TaskFailure {

            /** Properties of a TaskFailure. */
            interface $Properties {

                /** TaskFailure taskId */
                taskId?: (string|null);

                /** TaskFailure reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskFailure. */
            type $Shape = consilium.v1.TaskFailure.$Properties;
        }

        /**
         * Properties of a CoordinatorMessage.
         * @deprecated Use consilium.v1.CoordinatorMessage.$Properties instead.
         */
        interface ICoordinatorMessage extends consilium.v1.CoordinatorMessage.$Properties {
        }

        /** Represents a CoordinatorMessage. */
        class CoordinatorMessage {

            /**
             * Constructs a new CoordinatorMessage.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.CoordinatorMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CoordinatorMessage welcome. */
            welcome?: (consilium.v1.Welcome.$Properties|null);

            /** CoordinatorMessage task. */
            task?: (consilium.v1.TaskAssignment.$Properties|null);

            /** CoordinatorMessage cancel. */
            cancel?: (consilium.v1.TaskCancellation.$Properties|null);

            /** CoordinatorMessage offer. */
            offer?: (consilium.v1.RunOffer.$Properties|null);

            /** CoordinatorMessage body. */
            body?: ("welcome"|"task"|"cancel"|"offer");

            /**
             * Creates a new CoordinatorMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CoordinatorMessage instance
             */
            static create(properties: consilium.v1.CoordinatorMessage.$Shape): consilium.v1.CoordinatorMessage & consilium.v1.CoordinatorMessage.$Shape;
            static create(properties?: consilium.v1.CoordinatorMessage.$Properties): consilium.v1.CoordinatorMessage;

            /**
             * Encodes the specified CoordinatorMessage message. Does not implicitly {@link consilium.v1.CoordinatorMessage.verify|verify} messages.
             * @param m CoordinatorMessage message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.CoordinatorMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CoordinatorMessage message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.CoordinatorMessage & consilium.v1.CoordinatorMessage.$Shape} CoordinatorMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.CoordinatorMessage & consilium.v1.CoordinatorMessage.$Shape;

            /**
             * Verifies a CoordinatorMessage message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a CoordinatorMessage message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns CoordinatorMessage
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.CoordinatorMessage;

            /**
             * Creates a plain object from a CoordinatorMessage message. Also converts values to other types if specified.
             * @param m CoordinatorMessage
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.CoordinatorMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CoordinatorMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for CoordinatorMessage
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace CoordinatorMessage {

            /** Properties of a CoordinatorMessage. */
            interface $Properties {

                /** CoordinatorMessage welcome */
                welcome?: (consilium.v1.Welcome.$Properties|null);

                /** CoordinatorMessage task */
                task?: (consilium.v1.TaskAssignment.$Properties|null);

                /** CoordinatorMessage cancel */
                cancel?: (consilium.v1.TaskCancellation.$Properties|null);

                /** CoordinatorMessage offer */
                offer?: (consilium.v1.RunOffer.$Properties|null);

                /** CoordinatorMessage body */
                body?: ("welcome"|"task"|"cancel"|"offer");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a CoordinatorMessage. */
            type $Shape = {
              welcome?: consilium.v1.Welcome.$Shape|null;
              task?: consilium.v1.TaskAssignment.$Shape|null;
              cancel?: consilium.v1.TaskCancellation.$Shape|null;
              offer?: consilium.v1.RunOffer.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; welcome?: null; task?: null; cancel?: null; offer?: null }|{ body?: "welcome"; welcome: consilium.v1.Welcome.$Shape; task?: null; cancel?: null; offer?: null }|{ body?: "task"; welcome?: null; task: consilium.v1.TaskAssignment.$Shape; cancel?: null; offer?: null }|{ body?: "cancel"; welcome?: null; task?: null; cancel: consilium.v1.TaskCancellation.$Shape; offer?: null }|{ body?: "offer"; welcome?: null; task?: null; cancel?: null; offer: consilium.v1.RunOffer.$Shape })
            );
        }

        /**
         * Properties of a RunOffer.
         * @deprecated Use consilium.v1.RunOffer.$Properties instead.
         */
        interface IRunOffer extends consilium.v1.RunOffer.$Properties {
        }

        /** Represents a RunOffer. */
        class RunOffer {

            /**
             * Constructs a new RunOffer.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.RunOffer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RunOffer runId. */
            runId: string;

            /** RunOffer name. */
            name: string;

            /** RunOffer specSha256. */
            specSha256: string;

            /** RunOffer specJson. */
            specJson: string;

            /** RunOffer status. */
            status: string;

            /** RunOffer createdAt. */
            createdAt: string;

            /**
             * Creates a new RunOffer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RunOffer instance
             */
            static create(properties: consilium.v1.RunOffer.$Shape): consilium.v1.RunOffer & consilium.v1.RunOffer.$Shape;
            static create(properties?: consilium.v1.RunOffer.$Properties): consilium.v1.RunOffer;

            /**
             * Encodes the specified RunOffer message. Does not implicitly {@link consilium.v1.RunOffer.verify|verify} messages.
             * @param m RunOffer message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.RunOffer.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RunOffer message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.RunOffer & consilium.v1.RunOffer.$Shape} RunOffer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.RunOffer & consilium.v1.RunOffer.$Shape;

            /**
             * Verifies a RunOffer message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a RunOffer message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns RunOffer
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.RunOffer;

            /**
             * Creates a plain object from a RunOffer message. Also converts values to other types if specified.
             * @param m RunOffer
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.RunOffer, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RunOffer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RunOffer
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RunOffer {

            /** Properties of a RunOffer. */
            interface $Properties {

                /** RunOffer runId */
                runId?: (string|null);

                /** RunOffer name */
                name?: (string|null);

                /** RunOffer specSha256 */
                specSha256?: (string|null);

                /** RunOffer specJson */
                specJson?: (string|null);

                /** RunOffer status */
                status?: (string|null);

                /** RunOffer createdAt */
                createdAt?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RunOffer. */
            type $Shape = consilium.v1.RunOffer.$Properties;
        }

        /**
         * Properties of a Welcome.
         * @deprecated Use consilium.v1.Welcome.$Properties instead.
         */
        interface IWelcome extends consilium.v1.Welcome.$Properties {
        }

        /** Represents a Welcome. */
        class Welcome {

            /**
             * Constructs a new Welcome.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.Welcome.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Welcome siteId. */
            siteId: string;

            /** Welcome heartbeatIntervalMs. */
            heartbeatIntervalMs: number;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Welcome instance
             */
            static create(properties: consilium.v1.Welcome.$Shape): consilium.v1.Welcome & consilium.v1.Welcome.$Shape;
            static create(properties?: consilium.v1.Welcome.$Properties): consilium.v1.Welcome;

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link consilium.v1.Welcome.verify|verify} messages.
             * @param m Welcome message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.Welcome.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.Welcome & consilium.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.Welcome & consilium.v1.Welcome.$Shape;

            /**
             * Verifies a Welcome message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a Welcome message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns Welcome
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.Welcome;

            /**
             * Creates a plain object from a Welcome message. Also converts values to other types if specified.
             * @param m Welcome
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.Welcome, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Welcome to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for Welcome
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {

            /** Properties of a Welcome. */
            interface $Properties {

                /** Welcome siteId */
                siteId?: (string|null);

                /** Welcome heartbeatIntervalMs */
                heartbeatIntervalMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Welcome. */
            type $Shape = consilium.v1.Welcome.$Properties;
        }

        /**
         * Properties of a TaskAssignment.
         * @deprecated Use consilium.v1.TaskAssignment.$Properties instead.
         */
        interface ITaskAssignment extends consilium.v1.TaskAssignment.$Properties {
        }

        /** Represents a TaskAssignment. */
        class TaskAssignment {

            /**
             * Constructs a new TaskAssignment.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.TaskAssignment.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskAssignment taskId. */
            taskId: string;

            /** TaskAssignment runId. */
            runId: string;

            /** TaskAssignment round. */
            round: number;

            /** TaskAssignment modelVersionId. */
            modelVersionId: string;

            /** TaskAssignment modelSha256. */
            modelSha256: string;

            /** TaskAssignment modelBytes. */
            modelBytes: number;

            /** TaskAssignment modelTopologyJson. */
            modelTopologyJson: string;

            /** TaskAssignment hyperParameters. */
            hyperParameters?: (consilium.v1.HyperParameters.$Properties|null);

            /** TaskAssignment deadlineUnixMs. */
            deadlineUnixMs: number;

            /** TaskAssignment updateEncoding. */
            updateEncoding: string;

            /** TaskAssignment seed. */
            seed: number;

            /** TaskAssignment evaluateOnly. */
            evaluateOnly: boolean;

            /** TaskAssignment classes. */
            classes: string[];

            /** TaskAssignment proximalMu. */
            proximalMu: number;

            /** TaskAssignment sharedTensors. */
            sharedTensors: string[];

            /** TaskAssignment preprocessingJson. */
            preprocessingJson: string;

            /** TaskAssignment runSpecSha256. */
            runSpecSha256: string;

            /**
             * Creates a new TaskAssignment instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskAssignment instance
             */
            static create(properties: consilium.v1.TaskAssignment.$Shape): consilium.v1.TaskAssignment & consilium.v1.TaskAssignment.$Shape;
            static create(properties?: consilium.v1.TaskAssignment.$Properties): consilium.v1.TaskAssignment;

            /**
             * Encodes the specified TaskAssignment message. Does not implicitly {@link consilium.v1.TaskAssignment.verify|verify} messages.
             * @param m TaskAssignment message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.TaskAssignment.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskAssignment message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.TaskAssignment & consilium.v1.TaskAssignment.$Shape} TaskAssignment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.TaskAssignment & consilium.v1.TaskAssignment.$Shape;

            /**
             * Verifies a TaskAssignment message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a TaskAssignment message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns TaskAssignment
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.TaskAssignment;

            /**
             * Creates a plain object from a TaskAssignment message. Also converts values to other types if specified.
             * @param m TaskAssignment
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.TaskAssignment, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskAssignment to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TaskAssignment
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TaskAssignment {

            /** Properties of a TaskAssignment. */
            interface $Properties {

                /** TaskAssignment taskId */
                taskId?: (string|null);

                /** TaskAssignment runId */
                runId?: (string|null);

                /** TaskAssignment round */
                round?: (number|null);

                /** TaskAssignment modelVersionId */
                modelVersionId?: (string|null);

                /** TaskAssignment modelSha256 */
                modelSha256?: (string|null);

                /** TaskAssignment modelBytes */
                modelBytes?: (number|null);

                /** TaskAssignment modelTopologyJson */
                modelTopologyJson?: (string|null);

                /** TaskAssignment hyperParameters */
                hyperParameters?: (consilium.v1.HyperParameters.$Properties|null);

                /** TaskAssignment deadlineUnixMs */
                deadlineUnixMs?: (number|null);

                /** TaskAssignment updateEncoding */
                updateEncoding?: (string|null);

                /** TaskAssignment seed */
                seed?: (number|null);

                /** TaskAssignment evaluateOnly */
                evaluateOnly?: (boolean|null);

                /** TaskAssignment classes */
                classes?: (string[]|null);

                /** TaskAssignment proximalMu */
                proximalMu?: (number|null);

                /** TaskAssignment sharedTensors */
                sharedTensors?: (string[]|null);

                /** TaskAssignment preprocessingJson */
                preprocessingJson?: (string|null);

                /** TaskAssignment runSpecSha256 */
                runSpecSha256?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskAssignment. */
            type $Shape = consilium.v1.TaskAssignment.$Properties;
        }

        /**
         * Properties of a HyperParameters.
         * @deprecated Use consilium.v1.HyperParameters.$Properties instead.
         */
        interface IHyperParameters extends consilium.v1.HyperParameters.$Properties {
        }

        /** Represents a HyperParameters. */
        class HyperParameters {

            /**
             * Constructs a new HyperParameters.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.HyperParameters.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HyperParameters localEpochs. */
            localEpochs: number;

            /** HyperParameters batchSize. */
            batchSize: number;

            /** HyperParameters optimizer. */
            optimizer: string;

            /** HyperParameters learningRate. */
            learningRate: number;

            /** HyperParameters loss. */
            loss: string;

            /**
             * Creates a new HyperParameters instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HyperParameters instance
             */
            static create(properties: consilium.v1.HyperParameters.$Shape): consilium.v1.HyperParameters & consilium.v1.HyperParameters.$Shape;
            static create(properties?: consilium.v1.HyperParameters.$Properties): consilium.v1.HyperParameters;

            /**
             * Encodes the specified HyperParameters message. Does not implicitly {@link consilium.v1.HyperParameters.verify|verify} messages.
             * @param m HyperParameters message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.HyperParameters.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HyperParameters message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.HyperParameters & consilium.v1.HyperParameters.$Shape} HyperParameters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.HyperParameters & consilium.v1.HyperParameters.$Shape;

            /**
             * Verifies a HyperParameters message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a HyperParameters message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns HyperParameters
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.HyperParameters;

            /**
             * Creates a plain object from a HyperParameters message. Also converts values to other types if specified.
             * @param m HyperParameters
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.HyperParameters, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HyperParameters to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for HyperParameters
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace HyperParameters {

            /** Properties of a HyperParameters. */
            interface $Properties {

                /** HyperParameters localEpochs */
                localEpochs?: (number|null);

                /** HyperParameters batchSize */
                batchSize?: (number|null);

                /** HyperParameters optimizer */
                optimizer?: (string|null);

                /** HyperParameters learningRate */
                learningRate?: (number|null);

                /** HyperParameters loss */
                loss?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HyperParameters. */
            type $Shape = consilium.v1.HyperParameters.$Properties;
        }

        /**
         * Properties of a TaskCancellation.
         * @deprecated Use consilium.v1.TaskCancellation.$Properties instead.
         */
        interface ITaskCancellation extends consilium.v1.TaskCancellation.$Properties {
        }

        /** Represents a TaskCancellation. */
        class TaskCancellation {

            /**
             * Constructs a new TaskCancellation.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.TaskCancellation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskCancellation taskId. */
            taskId: string;

            /** TaskCancellation reason. */
            reason: string;

            /**
             * Creates a new TaskCancellation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskCancellation instance
             */
            static create(properties: consilium.v1.TaskCancellation.$Shape): consilium.v1.TaskCancellation & consilium.v1.TaskCancellation.$Shape;
            static create(properties?: consilium.v1.TaskCancellation.$Properties): consilium.v1.TaskCancellation;

            /**
             * Encodes the specified TaskCancellation message. Does not implicitly {@link consilium.v1.TaskCancellation.verify|verify} messages.
             * @param m TaskCancellation message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.TaskCancellation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskCancellation message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.TaskCancellation & consilium.v1.TaskCancellation.$Shape} TaskCancellation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.TaskCancellation & consilium.v1.TaskCancellation.$Shape;

            /**
             * Verifies a TaskCancellation message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a TaskCancellation message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns TaskCancellation
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.TaskCancellation;

            /**
             * Creates a plain object from a TaskCancellation message. Also converts values to other types if specified.
             * @param m TaskCancellation
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.TaskCancellation, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskCancellation to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for TaskCancellation
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace TaskCancellation {

            /** Properties of a TaskCancellation. */
            interface $Properties {

                /** TaskCancellation taskId */
                taskId?: (string|null);

                /** TaskCancellation reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskCancellation. */
            type $Shape = consilium.v1.TaskCancellation.$Properties;
        }

        /**
         * Properties of a FetchModelRequest.
         * @deprecated Use consilium.v1.FetchModelRequest.$Properties instead.
         */
        interface IFetchModelRequest extends consilium.v1.FetchModelRequest.$Properties {
        }

        /** Represents a FetchModelRequest. */
        class FetchModelRequest {

            /**
             * Constructs a new FetchModelRequest.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.FetchModelRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FetchModelRequest modelVersionId. */
            modelVersionId: string;

            /** FetchModelRequest offset. */
            offset: number;

            /** FetchModelRequest chunkBytes. */
            chunkBytes: number;

            /**
             * Creates a new FetchModelRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FetchModelRequest instance
             */
            static create(properties: consilium.v1.FetchModelRequest.$Shape): consilium.v1.FetchModelRequest & consilium.v1.FetchModelRequest.$Shape;
            static create(properties?: consilium.v1.FetchModelRequest.$Properties): consilium.v1.FetchModelRequest;

            /**
             * Encodes the specified FetchModelRequest message. Does not implicitly {@link consilium.v1.FetchModelRequest.verify|verify} messages.
             * @param m FetchModelRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.FetchModelRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FetchModelRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.FetchModelRequest & consilium.v1.FetchModelRequest.$Shape} FetchModelRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.FetchModelRequest & consilium.v1.FetchModelRequest.$Shape;

            /**
             * Verifies a FetchModelRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a FetchModelRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns FetchModelRequest
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.FetchModelRequest;

            /**
             * Creates a plain object from a FetchModelRequest message. Also converts values to other types if specified.
             * @param m FetchModelRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.FetchModelRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FetchModelRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for FetchModelRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FetchModelRequest {

            /** Properties of a FetchModelRequest. */
            interface $Properties {

                /** FetchModelRequest modelVersionId */
                modelVersionId?: (string|null);

                /** FetchModelRequest offset */
                offset?: (number|null);

                /** FetchModelRequest chunkBytes */
                chunkBytes?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FetchModelRequest. */
            type $Shape = consilium.v1.FetchModelRequest.$Properties;
        }

        /**
         * Properties of a ModelChunk.
         * @deprecated Use consilium.v1.ModelChunk.$Properties instead.
         */
        interface IModelChunk extends consilium.v1.ModelChunk.$Properties {
        }

        /** Represents a ModelChunk. */
        class ModelChunk {

            /**
             * Constructs a new ModelChunk.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.ModelChunk.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ModelChunk offset. */
            offset: number;

            /** ModelChunk data. */
            data: Uint8Array;

            /** ModelChunk totalBytes. */
            totalBytes: number;

            /** ModelChunk sha256. */
            sha256: string;

            /**
             * Creates a new ModelChunk instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ModelChunk instance
             */
            static create(properties: consilium.v1.ModelChunk.$Shape): consilium.v1.ModelChunk & consilium.v1.ModelChunk.$Shape;
            static create(properties?: consilium.v1.ModelChunk.$Properties): consilium.v1.ModelChunk;

            /**
             * Encodes the specified ModelChunk message. Does not implicitly {@link consilium.v1.ModelChunk.verify|verify} messages.
             * @param m ModelChunk message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.ModelChunk.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ModelChunk message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.ModelChunk & consilium.v1.ModelChunk.$Shape} ModelChunk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.ModelChunk & consilium.v1.ModelChunk.$Shape;

            /**
             * Verifies a ModelChunk message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a ModelChunk message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns ModelChunk
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.ModelChunk;

            /**
             * Creates a plain object from a ModelChunk message. Also converts values to other types if specified.
             * @param m ModelChunk
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.ModelChunk, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ModelChunk to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for ModelChunk
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace ModelChunk {

            /** Properties of a ModelChunk. */
            interface $Properties {

                /** ModelChunk offset */
                offset?: (number|null);

                /** ModelChunk data */
                data?: (Uint8Array|null);

                /** ModelChunk totalBytes */
                totalBytes?: (number|null);

                /** ModelChunk sha256 */
                sha256?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ModelChunk. */
            type $Shape = consilium.v1.ModelChunk.$Properties;
        }

        /**
         * Properties of an UpdateMessage.
         * @deprecated Use consilium.v1.UpdateMessage.$Properties instead.
         */
        interface IUpdateMessage extends consilium.v1.UpdateMessage.$Properties {
        }

        /** Represents an UpdateMessage. */
        class UpdateMessage {

            /**
             * Constructs a new UpdateMessage.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.UpdateMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UpdateMessage header. */
            header?: (consilium.v1.UpdateHeader.$Properties|null);

            /** UpdateMessage chunk. */
            chunk?: (Uint8Array|null);

            /** UpdateMessage body. */
            body?: ("header"|"chunk");

            /**
             * Creates a new UpdateMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateMessage instance
             */
            static create(properties: consilium.v1.UpdateMessage.$Shape): consilium.v1.UpdateMessage & consilium.v1.UpdateMessage.$Shape;
            static create(properties?: consilium.v1.UpdateMessage.$Properties): consilium.v1.UpdateMessage;

            /**
             * Encodes the specified UpdateMessage message. Does not implicitly {@link consilium.v1.UpdateMessage.verify|verify} messages.
             * @param m UpdateMessage message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.UpdateMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateMessage message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateMessage & consilium.v1.UpdateMessage.$Shape} UpdateMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.UpdateMessage & consilium.v1.UpdateMessage.$Shape;

            /**
             * Verifies an UpdateMessage message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UpdateMessage message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UpdateMessage
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.UpdateMessage;

            /**
             * Creates a plain object from an UpdateMessage message. Also converts values to other types if specified.
             * @param m UpdateMessage
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.UpdateMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UpdateMessage
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UpdateMessage {

            /** Properties of an UpdateMessage. */
            interface $Properties {

                /** UpdateMessage header */
                header?: (consilium.v1.UpdateHeader.$Properties|null);

                /** UpdateMessage chunk */
                chunk?: (Uint8Array|null);

                /** UpdateMessage body */
                body?: ("header"|"chunk");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an UpdateMessage. */
            type $Shape = {
              header?: consilium.v1.UpdateHeader.$Shape|null;
              chunk?: Uint8Array|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; header?: null; chunk?: null }|{ body?: "header"; header: consilium.v1.UpdateHeader.$Shape; chunk?: null }|{ body?: "chunk"; header?: null; chunk: Uint8Array })
            );
        }

        /**
         * Properties of an UpdateHeader.
         * @deprecated Use consilium.v1.UpdateHeader.$Properties instead.
         */
        interface IUpdateHeader extends consilium.v1.UpdateHeader.$Properties {
        }

        /** Represents an UpdateHeader. */
        class UpdateHeader {

            /**
             * Constructs a new UpdateHeader.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.UpdateHeader.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UpdateHeader taskId. */
            taskId: string;

            /** UpdateHeader runId. */
            runId: string;

            /** UpdateHeader round. */
            round: number;

            /** UpdateHeader sampleCount. */
            sampleCount: number;

            /** UpdateHeader metrics. */
            metrics: { [k: string]: number };

            /** UpdateHeader encoding. */
            encoding: string;

            /** UpdateHeader totalBytes. */
            totalBytes: number;

            /** UpdateHeader sha256. */
            sha256: string;

            /** UpdateHeader baseModelVersionId. */
            baseModelVersionId: string;

            /** UpdateHeader offset. */
            offset: number;

            /**
             * Creates a new UpdateHeader instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateHeader instance
             */
            static create(properties: consilium.v1.UpdateHeader.$Shape): consilium.v1.UpdateHeader & consilium.v1.UpdateHeader.$Shape;
            static create(properties?: consilium.v1.UpdateHeader.$Properties): consilium.v1.UpdateHeader;

            /**
             * Encodes the specified UpdateHeader message. Does not implicitly {@link consilium.v1.UpdateHeader.verify|verify} messages.
             * @param m UpdateHeader message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.UpdateHeader.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateHeader message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateHeader & consilium.v1.UpdateHeader.$Shape} UpdateHeader
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.UpdateHeader & consilium.v1.UpdateHeader.$Shape;

            /**
             * Verifies an UpdateHeader message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UpdateHeader message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UpdateHeader
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.UpdateHeader;

            /**
             * Creates a plain object from an UpdateHeader message. Also converts values to other types if specified.
             * @param m UpdateHeader
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.UpdateHeader, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateHeader to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UpdateHeader
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UpdateHeader {

            /** Properties of an UpdateHeader. */
            interface $Properties {

                /** UpdateHeader taskId */
                taskId?: (string|null);

                /** UpdateHeader runId */
                runId?: (string|null);

                /** UpdateHeader round */
                round?: (number|null);

                /** UpdateHeader sampleCount */
                sampleCount?: (number|null);

                /** UpdateHeader metrics */
                metrics?: ({ [k: string]: number }|null);

                /** UpdateHeader encoding */
                encoding?: (string|null);

                /** UpdateHeader totalBytes */
                totalBytes?: (number|null);

                /** UpdateHeader sha256 */
                sha256?: (string|null);

                /** UpdateHeader baseModelVersionId */
                baseModelVersionId?: (string|null);

                /** UpdateHeader offset */
                offset?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateHeader. */
            type $Shape = consilium.v1.UpdateHeader.$Properties;
        }

        /**
         * Properties of an UploadStatusRequest.
         * @deprecated Use consilium.v1.UploadStatusRequest.$Properties instead.
         */
        interface IUploadStatusRequest extends consilium.v1.UploadStatusRequest.$Properties {
        }

        /** Represents an UploadStatusRequest. */
        class UploadStatusRequest {

            /**
             * Constructs a new UploadStatusRequest.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.UploadStatusRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UploadStatusRequest taskId. */
            taskId: string;

            /** UploadStatusRequest sha256. */
            sha256: string;

            /**
             * Creates a new UploadStatusRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UploadStatusRequest instance
             */
            static create(properties: consilium.v1.UploadStatusRequest.$Shape): consilium.v1.UploadStatusRequest & consilium.v1.UploadStatusRequest.$Shape;
            static create(properties?: consilium.v1.UploadStatusRequest.$Properties): consilium.v1.UploadStatusRequest;

            /**
             * Encodes the specified UploadStatusRequest message. Does not implicitly {@link consilium.v1.UploadStatusRequest.verify|verify} messages.
             * @param m UploadStatusRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.UploadStatusRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UploadStatusRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.UploadStatusRequest & consilium.v1.UploadStatusRequest.$Shape} UploadStatusRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.UploadStatusRequest & consilium.v1.UploadStatusRequest.$Shape;

            /**
             * Verifies an UploadStatusRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UploadStatusRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UploadStatusRequest
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.UploadStatusRequest;

            /**
             * Creates a plain object from an UploadStatusRequest message. Also converts values to other types if specified.
             * @param m UploadStatusRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.UploadStatusRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UploadStatusRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UploadStatusRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UploadStatusRequest {

            /** Properties of an UploadStatusRequest. */
            interface $Properties {

                /** UploadStatusRequest taskId */
                taskId?: (string|null);

                /** UploadStatusRequest sha256 */
                sha256?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UploadStatusRequest. */
            type $Shape = consilium.v1.UploadStatusRequest.$Properties;
        }

        /**
         * Properties of an UploadStatus.
         * @deprecated Use consilium.v1.UploadStatus.$Properties instead.
         */
        interface IUploadStatus extends consilium.v1.UploadStatus.$Properties {
        }

        /** Represents an UploadStatus. */
        class UploadStatus {

            /**
             * Constructs a new UploadStatus.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.UploadStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UploadStatus receivedBytes. */
            receivedBytes: number;

            /** UploadStatus receipt. */
            receipt?: (consilium.v1.UpdateReceipt.$Properties|null);

            /**
             * Creates a new UploadStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UploadStatus instance
             */
            static create(properties: consilium.v1.UploadStatus.$Shape): consilium.v1.UploadStatus & consilium.v1.UploadStatus.$Shape;
            static create(properties?: consilium.v1.UploadStatus.$Properties): consilium.v1.UploadStatus;

            /**
             * Encodes the specified UploadStatus message. Does not implicitly {@link consilium.v1.UploadStatus.verify|verify} messages.
             * @param m UploadStatus message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.UploadStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UploadStatus message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.UploadStatus & consilium.v1.UploadStatus.$Shape} UploadStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.UploadStatus & consilium.v1.UploadStatus.$Shape;

            /**
             * Verifies an UploadStatus message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UploadStatus message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UploadStatus
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.UploadStatus;

            /**
             * Creates a plain object from an UploadStatus message. Also converts values to other types if specified.
             * @param m UploadStatus
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.UploadStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UploadStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UploadStatus
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UploadStatus {

            /** Properties of an UploadStatus. */
            interface $Properties {

                /** UploadStatus receivedBytes */
                receivedBytes?: (number|null);

                /** UploadStatus receipt */
                receipt?: (consilium.v1.UpdateReceipt.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UploadStatus. */
            type $Shape = consilium.v1.UploadStatus.$Properties;
        }

        /**
         * Properties of an UpdateReceipt.
         * @deprecated Use consilium.v1.UpdateReceipt.$Properties instead.
         */
        interface IUpdateReceipt extends consilium.v1.UpdateReceipt.$Properties {
        }

        /** Represents an UpdateReceipt. */
        class UpdateReceipt {

            /**
             * Constructs a new UpdateReceipt.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.UpdateReceipt.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** UpdateReceipt updateId. */
            updateId: string;

            /** UpdateReceipt sha256. */
            sha256: string;

            /** UpdateReceipt accepted. */
            accepted: boolean;

            /** UpdateReceipt reason. */
            reason: string;

            /** UpdateReceipt receivedAtUnixMs. */
            receivedAtUnixMs: number;

            /** UpdateReceipt taskId. */
            taskId: string;

            /** UpdateReceipt runId. */
            runId: string;

            /** UpdateReceipt round. */
            round: number;

            /** UpdateReceipt auditSeq. */
            auditSeq: number;

            /** UpdateReceipt signature. */
            signature: string;

            /** UpdateReceipt keyId. */
            keyId: string;

            /**
             * Creates a new UpdateReceipt instance using the specified properties.
             * @param [properties] Properties to set
             * @returns UpdateReceipt instance
             */
            static create(properties: consilium.v1.UpdateReceipt.$Shape): consilium.v1.UpdateReceipt & consilium.v1.UpdateReceipt.$Shape;
            static create(properties?: consilium.v1.UpdateReceipt.$Properties): consilium.v1.UpdateReceipt;

            /**
             * Encodes the specified UpdateReceipt message. Does not implicitly {@link consilium.v1.UpdateReceipt.verify|verify} messages.
             * @param m UpdateReceipt message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.UpdateReceipt.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an UpdateReceipt message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.UpdateReceipt & consilium.v1.UpdateReceipt.$Shape} UpdateReceipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.UpdateReceipt & consilium.v1.UpdateReceipt.$Shape;

            /**
             * Verifies an UpdateReceipt message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates an UpdateReceipt message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns UpdateReceipt
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.UpdateReceipt;

            /**
             * Creates a plain object from an UpdateReceipt message. Also converts values to other types if specified.
             * @param m UpdateReceipt
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.UpdateReceipt, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this UpdateReceipt to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for UpdateReceipt
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace UpdateReceipt {

            /** Properties of an UpdateReceipt. */
            interface $Properties {

                /** UpdateReceipt updateId */
                updateId?: (string|null);

                /** UpdateReceipt sha256 */
                sha256?: (string|null);

                /** UpdateReceipt accepted */
                accepted?: (boolean|null);

                /** UpdateReceipt reason */
                reason?: (string|null);

                /** UpdateReceipt receivedAtUnixMs */
                receivedAtUnixMs?: (number|null);

                /** UpdateReceipt taskId */
                taskId?: (string|null);

                /** UpdateReceipt runId */
                runId?: (string|null);

                /** UpdateReceipt round */
                round?: (number|null);

                /** UpdateReceipt auditSeq */
                auditSeq?: (number|null);

                /** UpdateReceipt signature */
                signature?: (string|null);

                /** UpdateReceipt keyId */
                keyId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an UpdateReceipt. */
            type $Shape = consilium.v1.UpdateReceipt.$Properties;
        }

        /**
         * Properties of a RenewCertificateRequest.
         * @deprecated Use consilium.v1.RenewCertificateRequest.$Properties instead.
         */
        interface IRenewCertificateRequest extends consilium.v1.RenewCertificateRequest.$Properties {
        }

        /** Represents a RenewCertificateRequest. */
        class RenewCertificateRequest {

            /**
             * Constructs a new RenewCertificateRequest.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.RenewCertificateRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RenewCertificateRequest csrPem. */
            csrPem: string;

            /**
             * Creates a new RenewCertificateRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RenewCertificateRequest instance
             */
            static create(properties: consilium.v1.RenewCertificateRequest.$Shape): consilium.v1.RenewCertificateRequest & consilium.v1.RenewCertificateRequest.$Shape;
            static create(properties?: consilium.v1.RenewCertificateRequest.$Properties): consilium.v1.RenewCertificateRequest;

            /**
             * Encodes the specified RenewCertificateRequest message. Does not implicitly {@link consilium.v1.RenewCertificateRequest.verify|verify} messages.
             * @param m RenewCertificateRequest message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.RenewCertificateRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RenewCertificateRequest message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.RenewCertificateRequest & consilium.v1.RenewCertificateRequest.$Shape} RenewCertificateRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.RenewCertificateRequest & consilium.v1.RenewCertificateRequest.$Shape;

            /**
             * Verifies a RenewCertificateRequest message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a RenewCertificateRequest message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns RenewCertificateRequest
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.RenewCertificateRequest;

            /**
             * Creates a plain object from a RenewCertificateRequest message. Also converts values to other types if specified.
             * @param m RenewCertificateRequest
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.RenewCertificateRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RenewCertificateRequest to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RenewCertificateRequest
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RenewCertificateRequest {

            /** Properties of a RenewCertificateRequest. */
            interface $Properties {

                /** RenewCertificateRequest csrPem */
                csrPem?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RenewCertificateRequest. */
            type $Shape = consilium.v1.RenewCertificateRequest.$Properties;
        }

        /**
         * Properties of a SiteCertificate.
         * @deprecated Use consilium.v1.SiteCertificate.$Properties instead.
         */
        interface ISiteCertificate extends consilium.v1.SiteCertificate.$Properties {
        }

        /** Represents a SiteCertificate. */
        class SiteCertificate {

            /**
             * Constructs a new SiteCertificate.
             * @param [p] Properties to set
             */
            constructor(p?: consilium.v1.SiteCertificate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SiteCertificate certificatePem. */
            certificatePem: string;

            /** SiteCertificate caCertificatePem. */
            caCertificatePem: string;

            /** SiteCertificate serial. */
            serial: string;

            /** SiteCertificate notAfter. */
            notAfter: string;

            /**
             * Creates a new SiteCertificate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SiteCertificate instance
             */
            static create(properties: consilium.v1.SiteCertificate.$Shape): consilium.v1.SiteCertificate & consilium.v1.SiteCertificate.$Shape;
            static create(properties?: consilium.v1.SiteCertificate.$Properties): consilium.v1.SiteCertificate;

            /**
             * Encodes the specified SiteCertificate message. Does not implicitly {@link consilium.v1.SiteCertificate.verify|verify} messages.
             * @param m SiteCertificate message or plain object to encode
             * @param [w] Writer to encode to
             * @returns Writer
             */
            static encode(m: consilium.v1.SiteCertificate.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SiteCertificate message from the specified reader or buffer.
             * @param r Reader or buffer to decode from
             * @param [l] Message length if known beforehand
             * @returns {consilium.v1.SiteCertificate & consilium.v1.SiteCertificate.$Shape} SiteCertificate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): consilium.v1.SiteCertificate & consilium.v1.SiteCertificate.$Shape;

            /**
             * Verifies a SiteCertificate message.
             * @param m Plain object to verify
             * @returns `null` if valid, otherwise the reason why it is not
             */
            static verify(m: { [k: string]: any }): (string|null);

            /**
             * Creates a SiteCertificate message from a plain object. Also converts values to their respective internal types.
             * @param d Plain object
             * @returns SiteCertificate
             */
            static fromObject(d: { [k: string]: any }): consilium.v1.SiteCertificate;

            /**
             * Creates a plain object from a SiteCertificate message. Also converts values to other types if specified.
             * @param m SiteCertificate
             * @param [o] Conversion options
             * @returns Plain object
             */
            static toObject(m: consilium.v1.SiteCertificate, o?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SiteCertificate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SiteCertificate
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteCertificate {

            /** Properties of a SiteCertificate. */
            interface $Properties {

                /** SiteCertificate certificatePem */
                certificatePem?: (string|null);

                /** SiteCertificate caCertificatePem */
                caCertificatePem?: (string|null);

                /** SiteCertificate serial */
                serial?: (string|null);

                /** SiteCertificate notAfter */
                notAfter?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SiteCertificate. */
            type $Shape = consilium.v1.SiteCertificate.$Properties;
        }
    }
}
