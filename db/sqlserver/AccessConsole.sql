IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [AuditEvents] (
        [Sequence] bigint NOT NULL,
        [EventId] uniqueidentifier NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [ActorId] nvarchar(200) NOT NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [ActorRoles] nvarchar(200) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [SubjectKind] nvarchar(32) NULL,
        [SubjectId] nvarchar(64) NULL,
        [SubjectName] nvarchar(300) NULL,
        [OrganizationId] uniqueidentifier NULL,
        [OrganizationName] nvarchar(200) NULL,
        [ReasonCode] nvarchar(64) NULL,
        [Justification] nvarchar(2000) NULL,
        [TicketReference] nvarchar(100) NULL,
        [PolicyClause] nvarchar(200) NULL,
        [AccessBefore] nvarchar(4000) NULL,
        [AccessAfter] nvarchar(4000) NULL,
        [CorrelationId] uniqueidentifier NULL,
        [ApproverId] nvarchar(200) NULL,
        [ApproverName] nvarchar(200) NULL,
        [UndoesSequence] bigint NULL,
        [PreviousChangeSequence] bigint NULL,
        [Details] nvarchar(max) NULL,
        [PreviousHash] nvarchar(64) NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_AuditEvents] PRIMARY KEY ([Sequence])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [NormalizedName] nvarchar(200) NOT NULL,
        [Tier] int NOT NULL,
        [AccountManager] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AccessState] nvarchar(16) NOT NULL,
        [Restriction] nvarchar(4000) NULL,
        [AccessUntil] datetime2 NULL,
        [AccessVersion] int NOT NULL,
        [AccessReasonCode] nvarchar(64) NULL,
        [AccessChangedBy] nvarchar(200) NULL,
        [AccessChangedAt] datetime2 NULL,
        [AccessSetBySequence] bigint NULL,
        [AccessUndoSequence] bigint NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [ReasonCodes] (
        [Code] nvarchar(64) NOT NULL,
        [Label] nvarchar(200) NOT NULL,
        [IsRetired] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ReasonCodes] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [DisplayPrefix] nvarchar(21) NOT NULL,
        [LastFour] nvarchar(4) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [Purpose] nvarchar(32) NOT NULL,
        [CredentialKind] nvarchar(32) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [LastUsedAt] datetime2 NULL,
        [ExpiresAt] datetime2 NULL,
        [AccessState] nvarchar(16) NOT NULL,
        [Restriction] nvarchar(4000) NULL,
        [AccessUntil] datetime2 NULL,
        [AccessVersion] int NOT NULL,
        [AccessReasonCode] nvarchar(64) NULL,
        [AccessChangedBy] nvarchar(200) NULL,
        [AccessChangedAt] datetime2 NULL,
        [AccessSetBySequence] bigint NULL,
        [AccessUndoSequence] bigint NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiKeys_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [Integrations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [IsFirstParty] bit NOT NULL,
        [ClientIdentifiers] nvarchar(2000) NOT NULL,
        [VendorOrganizationId] uniqueidentifier NULL,
        [AccessState] nvarchar(16) NOT NULL,
        [Restriction] nvarchar(4000) NULL,
        [AccessUntil] datetime2 NULL,
        [AccessVersion] int NOT NULL,
        [AccessReasonCode] nvarchar(64) NULL,
        [AccessChangedBy] nvarchar(200) NULL,
        [AccessChangedAt] datetime2 NULL,
        [AccessSetBySequence] bigint NULL,
        [AccessUndoSequence] bigint NULL,
        CONSTRAINT [PK_Integrations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Integrations_Organizations_VendorOrganizationId] FOREIGN KEY ([VendorOrganizationId]) REFERENCES [Organizations] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [OrganizationDomains] (
        [OrganizationId] uniqueidentifier NOT NULL,
        [Domain] nvarchar(253) NOT NULL,
        CONSTRAINT [PK_OrganizationDomains] PRIMARY KEY ([OrganizationId], [Domain]),
        CONSTRAINT [FK_OrganizationDomains_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [OrganizationTags] (
        [OrganizationId] uniqueidentifier NOT NULL,
        [Tag] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_OrganizationTags] PRIMARY KEY ([OrganizationId], [Tag]),
        CONSTRAINT [FK_OrganizationTags_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [DailyUsage] (
        [ApiKeyId] uniqueidentifier NOT NULL,
        [Day] datetime2 NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Requests] bigint NOT NULL,
        [Tokens] bigint NOT NULL,
        [ActiveHours] int NOT NULL,
        CONSTRAINT [PK_DailyUsage] PRIMARY KEY ([ApiKeyId], [Day]),
        CONSTRAINT [FK_DailyUsage_ApiKeys_ApiKeyId] FOREIGN KEY ([ApiKeyId]) REFERENCES [ApiKeys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE TABLE [OrganizationIntegrations] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [IntegrationId] uniqueidentifier NOT NULL,
        [FirstSeenAt] datetime2 NOT NULL,
        [LastSeenAt] datetime2 NOT NULL,
        [RecentRequests] bigint NOT NULL,
        [AccessState] nvarchar(16) NOT NULL,
        [Restriction] nvarchar(4000) NULL,
        [AccessUntil] datetime2 NULL,
        [AccessVersion] int NOT NULL,
        [AccessReasonCode] nvarchar(64) NULL,
        [AccessChangedBy] nvarchar(200) NULL,
        [AccessChangedAt] datetime2 NULL,
        [AccessSetBySequence] bigint NULL,
        [AccessUndoSequence] bigint NULL,
        CONSTRAINT [PK_OrganizationIntegrations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrganizationIntegrations_Integrations_IntegrationId] FOREIGN KEY ([IntegrationId]) REFERENCES [Integrations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_OrganizationIntegrations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_AccessState] ON [ApiKeys] ([AccessState]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_AccessUntil] ON [ApiKeys] ([AccessUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_DisplayPrefix] ON [ApiKeys] ([DisplayPrefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_OrganizationId] ON [ApiKeys] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_SecretHash] ON [ApiKeys] ([SecretHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_Action_Sequence] ON [AuditEvents] ([Action], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_ActorId_Sequence] ON [AuditEvents] ([ActorId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_CorrelationId] ON [AuditEvents] ([CorrelationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AuditEvents_EventId] ON [AuditEvents] ([EventId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_OccurredAt] ON [AuditEvents] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_OrganizationId_Sequence] ON [AuditEvents] ([OrganizationId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_ReasonCode_Sequence] ON [AuditEvents] ([ReasonCode], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_SubjectId_Sequence] ON [AuditEvents] ([SubjectId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_DailyUsage_OrganizationId_Day] ON [DailyUsage] ([OrganizationId], [Day]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Integrations_AccessState] ON [Integrations] ([AccessState]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Integrations_AccessUntil] ON [Integrations] ([AccessUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Integrations_Name] ON [Integrations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Integrations_VendorOrganizationId] ON [Integrations] ([VendorOrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganizationDomains_Domain] ON [OrganizationDomains] ([Domain]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganizationIntegrations_AccessState] ON [OrganizationIntegrations] ([AccessState]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganizationIntegrations_AccessUntil] ON [OrganizationIntegrations] ([AccessUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganizationIntegrations_IntegrationId] ON [OrganizationIntegrations] ([IntegrationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrganizationIntegrations_OrganizationId_IntegrationId] ON [OrganizationIntegrations] ([OrganizationId], [IntegrationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_AccessState] ON [Organizations] ([AccessState]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_AccessUntil] ON [Organizations] ([AccessUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_CreatedAt] ON [Organizations] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_NormalizedName] ON [Organizations] ([NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_Organizations_Tier_NormalizedName] ON [Organizations] ([Tier], [NormalizedName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganizationTags_Tag] ON [OrganizationTags] ([Tag]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    EXEC(N'CREATE TRIGGER [dbo].[AuditEvents_RefuseUpdateDelete] ON [dbo].[AuditEvents]
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        THROW 51000, N''AuditEvents is append-only: UPDATE and DELETE are refused.'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121083013_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121083013_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121085749_ServiceCredentials'
)
BEGIN
    CREATE TABLE [ServiceCredentials] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [DisplayPrefix] nvarchar(16) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(200) NOT NULL,
        [LastUsedAt] datetime2 NULL,
        [RevokedAt] datetime2 NULL,
        [RevokedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_ServiceCredentials] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121085749_ServiceCredentials'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ServiceCredentials_SecretHash] ON [ServiceCredentials] ([SecretHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121085749_ServiceCredentials'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121085749_ServiceCredentials', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121092811_StandardReasonCodes'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'CreatedAt', N'IsRetired', N'Label') AND [object_id] = OBJECT_ID(N'[ReasonCodes]'))
        SET IDENTITY_INSERT [ReasonCodes] ON;
    EXEC(N'INSERT INTO [ReasonCodes] ([Code], [CreatedAt], [IsRetired], [Label])
    VALUES (N''abuse-excessive-usage'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Abuse or excessive usage''),
    (N''capacity'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Capacity''),
    (N''customer-request'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Customer request''),
    (N''dispute-resolved'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Dispute resolved''),
    (N''non-payment'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Non-payment''),
    (N''other'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Other''),
    (N''security-key-exposed'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Security — key exposed''),
    (N''terms-competing-product'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Terms — competing product''),
    (N''terms-model-training'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Terms — model training''),
    (N''terms-resale'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Terms — resale''),
    (N''unauthorized-client'', ''2026-01-01T00:00:00.0000000Z'', CAST(0 AS bit), N''Unauthorized client'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'CreatedAt', N'IsRetired', N'Label') AND [object_id] = OBJECT_ID(N'[ReasonCodes]'))
        SET IDENTITY_INSERT [ReasonCodes] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121092811_StandardReasonCodes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121092811_StandardReasonCodes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121100803_ScaleIndexes'
)
BEGIN
    CREATE INDEX [IX_Organizations_Tier_CreatedAt_Id] ON [Organizations] ([Tier], [CreatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121100803_ScaleIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121100803_ScaleIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE TABLE [ChangeJobs] (
        [Id] uniqueidentifier NOT NULL,
        [Origin] nvarchar(16) NOT NULL,
        [Summary] nvarchar(300) NOT NULL,
        [Segment] nvarchar(max) NULL,
        [UndoesJobId] uniqueidentifier NULL,
        [Change] nvarchar(16) NOT NULL,
        [ReasonCode] nvarchar(64) NOT NULL,
        [Justification] nvarchar(2000) NOT NULL,
        [TicketReference] nvarchar(100) NULL,
        [PolicyClause] nvarchar(200) NULL,
        [Until] datetime2 NULL,
        [Restriction] nvarchar(4000) NULL,
        [RestoreFullAccess] bit NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [RequestedById] nvarchar(200) NOT NULL,
        [RequestedByName] nvarchar(200) NOT NULL,
        [RequestedByRoles] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ApproverId] nvarchar(200) NULL,
        [ApproverName] nvarchar(200) NULL,
        [StartedAt] datetime2 NULL,
        [FinishedAt] datetime2 NULL,
        [Total] int NOT NULL,
        [Changed] int NOT NULL,
        [NotChanged] int NOT NULL,
        [LastError] nvarchar(1000) NULL,
        CONSTRAINT [PK_ChangeJobs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ChangeJobs_ChangeJobs_UndoesJobId] FOREIGN KEY ([UndoesJobId]) REFERENCES [ChangeJobs] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE TABLE [ApprovalRequests] (
        [Id] uniqueidentifier NOT NULL,
        [JobId] uniqueidentifier NOT NULL,
        [Summary] nvarchar(300) NOT NULL,
        [Rules] nvarchar(1000) NOT NULL,
        [RequestedById] nvarchar(200) NOT NULL,
        [RequestedByName] nvarchar(200) NOT NULL,
        [RequestedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [DecidedById] nvarchar(200) NULL,
        [DecidedByName] nvarchar(200) NULL,
        [DecidedAt] datetime2 NULL,
        [Comment] nvarchar(1000) NULL,
        CONSTRAINT [PK_ApprovalRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApprovalRequests_ChangeJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ChangeJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE TABLE [ChangeJobItems] (
        [JobId] uniqueidentifier NOT NULL,
        [Position] int NOT NULL,
        [SubjectKind] nvarchar(32) NOT NULL,
        [SubjectId] uniqueidentifier NOT NULL,
        [SubjectName] nvarchar(300) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        [OrganizationName] nvarchar(200) NULL,
        [ExpectedVersion] int NOT NULL,
        [Outcome] nvarchar(16) NOT NULL,
        [Message] nvarchar(1000) NULL,
        [AuditSequence] bigint NULL,
        [VersionAfter] int NULL,
        [ProcessedAt] datetime2 NULL,
        CONSTRAINT [PK_ChangeJobItems] PRIMARY KEY ([JobId], [Position]),
        CONSTRAINT [FK_ChangeJobItems_ChangeJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ChangeJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_DailyUsage_Day_ActiveHours_OrganizationId] ON [DailyUsage] ([Day], [ActiveHours], [OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApprovalRequests_JobId] ON [ApprovalRequests] ([JobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ApprovalRequests_RequestedAt] ON [ApprovalRequests] ([RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ApprovalRequests_RequestedById_RequestedAt] ON [ApprovalRequests] ([RequestedById], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ApprovalRequests_State_ExpiresAt] ON [ApprovalRequests] ([State], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ChangeJobItems_JobId_Outcome_Position] ON [ChangeJobItems] ([JobId], [Outcome], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ChangeJobItems_JobId_SubjectKind_SubjectId] ON [ChangeJobItems] ([JobId], [SubjectKind], [SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ChangeJobs_CreatedAt] ON [ChangeJobs] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ChangeJobs_State_CreatedAt] ON [ChangeJobs] ([State], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    CREATE INDEX [IX_ChangeJobs_UndoesJobId] ON [ChangeJobs] ([UndoesJobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261121103435_BulkAndApprovals'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261121103435_BulkAndApprovals', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201113354_AuditCheckpoints'
)
BEGIN
    CREATE TABLE [AuditCheckpoints] (
        [Number] bigint NOT NULL,
        [HeadSequence] bigint NOT NULL,
        [HeadHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Reason] nvarchar(16) NOT NULL,
        [PreviousHash] nvarchar(64) NOT NULL,
        [KeyId] nvarchar(64) NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [Signature] nvarchar(1024) NOT NULL,
        CONSTRAINT [PK_AuditCheckpoints] PRIMARY KEY ([Number])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201113354_AuditCheckpoints'
)
BEGIN
    EXEC(N'CREATE TRIGGER [dbo].[AuditCheckpoints_RefuseUpdateDelete] ON [dbo].[AuditCheckpoints]
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        THROW 51000, N''AuditCheckpoints is append-only: UPDATE and DELETE are refused.'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201113354_AuditCheckpoints'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201113354_AuditCheckpoints', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104508_ScheduledChanges'
)
BEGIN
    CREATE TABLE [ScheduledChanges] (
        [JobId] uniqueidentifier NOT NULL,
        [TakesEffectAt] datetime2 NOT NULL,
        [SchedulingSequence] bigint NOT NULL,
        [CancelledById] nvarchar(200) NULL,
        [CancelledByName] nvarchar(200) NULL,
        [CancelledAt] datetime2 NULL,
        [CancelReason] nvarchar(1000) NULL,
        CONSTRAINT [PK_ScheduledChanges] PRIMARY KEY ([JobId]),
        CONSTRAINT [FK_ScheduledChanges_ChangeJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ChangeJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104508_ScheduledChanges'
)
BEGIN
    CREATE INDEX [IX_ScheduledChanges_TakesEffectAt] ON [ScheduledChanges] ([TakesEffectAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104508_ScheduledChanges'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202104508_ScheduledChanges', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104559_PlatformRules'
)
BEGIN
    ALTER TABLE [ChangeJobs] ADD [RuleProposal] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104559_PlatformRules'
)
BEGIN
    CREATE TABLE [PlatformRules] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Scope] nvarchar(4000) NOT NULL,
        [Denies] bit NOT NULL,
        [Restriction] nvarchar(4000) NULL,
        [State] nvarchar(16) NOT NULL,
        [Version] int NOT NULL,
        [ReasonCode] nvarchar(64) NOT NULL,
        [Justification] nvarchar(2000) NOT NULL,
        [AuthorId] nvarchar(200) NOT NULL,
        [AuthorName] nvarchar(200) NOT NULL,
        [ApproverId] nvarchar(200) NULL,
        [ApproverName] nvarchar(200) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        [AuditSequence] bigint NULL,
        CONSTRAINT [PK_PlatformRules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104559_PlatformRules'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PlatformRules_Name] ON [PlatformRules] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104559_PlatformRules'
)
BEGIN
    CREATE INDEX [IX_PlatformRules_State] ON [PlatformRules] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202104559_PlatformRules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202104559_PlatformRules', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112412_RuleImpactIndex'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_CredentialKind_OrganizationId] ON [ApiKeys] ([CredentialKind], [OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202112412_RuleImpactIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202112412_RuleImpactIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114413_AuditMerkleTree'
)
BEGIN
    ALTER TABLE [AuditCheckpoints] ADD [TreeRoot] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114413_AuditMerkleTree'
)
BEGIN
    CREATE TABLE [AuditTreeNodes] (
        [Level] int NOT NULL,
        [Position] bigint NOT NULL,
        [Hash] binary(32) NOT NULL,
        CONSTRAINT [PK_AuditTreeNodes] PRIMARY KEY ([Level], [Position])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114413_AuditMerkleTree'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202114413_AuditMerkleTree', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE TABLE [NoticeContacts] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        CONSTRAINT [PK_NoticeContacts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NoticeContacts_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE TABLE [NoticeOutbox] (
        [Id] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [AuditSequence] bigint NOT NULL,
        [MessageId] nvarchar(200) NOT NULL,
        [Recipients] nvarchar(4000) NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [BodySha256] nvarchar(64) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LastAttemptAt] datetime2 NULL,
        [LastError] nvarchar(1000) NULL,
        [DeliveredAt] datetime2 NULL,
        CONSTRAINT [PK_NoticeOutbox] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_NoticeOutbox_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE TABLE [NoticeTemplates] (
        [ReasonCode] nvarchar(64) NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Body] nvarchar(4000) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_NoticeTemplates] PRIMARY KEY ([ReasonCode]),
        CONSTRAINT [FK_NoticeTemplates_ReasonCodes_ReasonCode] FOREIGN KEY ([ReasonCode]) REFERENCES [ReasonCodes] ([Code]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NoticeContacts_OrganizationId_Email] ON [NoticeContacts] ([OrganizationId], [Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE INDEX [IX_NoticeOutbox_DeliveredAt_NextAttemptAt] ON [NoticeOutbox] ([DeliveredAt], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE UNIQUE INDEX [IX_NoticeOutbox_MessageId] ON [NoticeOutbox] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    CREATE INDEX [IX_NoticeOutbox_OrganizationId_CreatedAt] ON [NoticeOutbox] ([OrganizationId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202114458_CustomerNotices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202114458_CustomerNotices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202120217_BulkNotices'
)
BEGIN
    ALTER TABLE [ChangeJobs] ADD [NoticeBody] nvarchar(4000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202120217_BulkNotices'
)
BEGIN
    ALTER TABLE [ChangeJobs] ADD [NoticeSubject] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202120217_BulkNotices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202120217_BulkNotices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202150004_SingleChangeNotices'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[ChangeJobs]') AND [c].[name] = N'NoticeBody');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [ChangeJobs] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [ChangeJobs] ALTER COLUMN [NoticeBody] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202150004_SingleChangeNotices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202150004_SingleChangeNotices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202153510_RuleEndsAt'
)
BEGIN
    ALTER TABLE [PlatformRules] ADD [EndsAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202153510_RuleEndsAt'
)
BEGIN
    EXEC(N'UPDATE PlatformRules SET EndsAt = (
        SELECT MIN(s.TakesEffectAt) FROM ScheduledChanges s
        INNER JOIN ChangeJobs j ON j.Id = s.JobId
        INNER JOIN ChangeJobItems i ON i.JobId = j.Id
        WHERE i.SubjectId = PlatformRules.Id AND i.ExpectedVersion = PlatformRules.Version
            AND j.Origin = ''Rule'' AND j.State = ''Scheduled''
            AND NOT EXISTS (SELECT 1 FROM ApprovalRequests a WHERE a.JobId = j.Id))
    WHERE State = ''Active'';');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202153510_RuleEndsAt'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202153510_RuleEndsAt', N'10.0.15');
END;

COMMIT;
GO

