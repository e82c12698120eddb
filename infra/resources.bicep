// Everything of one Orbitalyntra environment, in its resource group (see main.bicep and docs/deploy.md).
param location string
param tags object

@description('A short unique token for globally unique names (uniqueString: 13 characters).')
@minLength(13)
@maxLength(13)
param token string

@secure()
param signingKey string

@secure()
param masterKey string

@secure()
param keyRingKey string

@secure()
param operatorPasswordHash string

param siloMinReplicas int
param siloMaxReplicas int
param webMinReplicas int
param webMaxReplicas int
param smtpHost string
param mailFrom string

// Built-in role definitions: the least data-plane roles the identity needs.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPull = '7f951dfd-4ed5-4a30-a17b-58b6c5e6c8d7'

// The cluster's identity: stored state and reminders are keyed by the service id, so it outlives deployments.
var clusterId = 'orbitalyntra-${token}'
var serviceId = 'orbitalyntra'
var siloPort = 11111
var gatewayPort = 30000
var siloHttpPort = 8081
var webHttpPort = 8080

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Everything reaches storage through Microsoft Entra ID (the managed identity): no account key in use anywhere.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: { enabled: true }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr${token}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${token}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signing-key'
  properties: { value: signingKey }
}

resource masterKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'master-key'
  properties: { value: masterKey }
}

resource keyRingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'key-ring-key'
  properties: { value: keyRingKey }
}

resource operatorSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(operatorPasswordHash)) {
  parent: vault
  name: 'operator-password-hash'
  properties: { value: operatorPasswordHash }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

resource secretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource pullRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

// Silos and web hosts reach each other replica to replica (silo and gateway ports): a virtual network gives every
// replica a routable address in the subnet (docs/decisions/0030).
resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${token}'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: ['10.20.0.0/16'] }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: '10.20.0.0/23'
          delegations: [{ name: 'apps', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
    ]
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${token}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    vnetConfiguration: {
      infrastructureSubnetId: network.properties.subnets[0].id
      internal: false
    }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
    zoneRedundant: false
  }
}

// What both services are configured with: the cluster, storage by service URIs and the identity, telemetry.
var shared = [
  { name: 'Orleans__ClusterId', value: clusterId }
  { name: 'Orleans__ServiceId', value: serviceId }
  { name: 'Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'Storage__BlobServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
  { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
]

var keyVaultSecrets = [
  { name: 'signing-key', keyVaultUrl: signingKeySecret.properties.secretUri, identity: identity.id }
  { name: 'master-key', keyVaultUrl: masterKeySecret.properties.secretUri, identity: identity.id }
]

resource silo 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-silo-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'silo' })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  dependsOn: [tableRole, blobRole, secretsRole, pullRole]
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [{ server: registry.properties.loginServer, identity: identity.id }]
      secrets: keyVaultSecrets
    }
    template: {
      // Scaling in and rolling upgrades stop a replica with SIGTERM: it hands its activations over and leaves the cluster.
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'silo'
          image: 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(shared, [
            { name: 'Orleans__SiloPort', value: string(siloPort) }
            { name: 'Orleans__GatewayPort', value: string(gatewayPort) }
            { name: 'Orleans__AdvertisedIPAddress', value: '' }
            { name: 'Orleans__ListenOnAnyHostAddress', value: 'true' }
            { name: 'Urls', value: 'http://+:${siloHttpPort}' }
            { name: 'Privacy__MasterKey', secretRef: 'master-key' }
            { name: 'Notifications__Smtp__Host', value: smtpHost }
            { name: 'Notifications__Smtp__From', value: mailFrom }
          ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/health/live', port: siloHttpPort }, periodSeconds: 10, failureThreshold: 3 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: siloHttpPort }, periodSeconds: 5, failureThreshold: 2 }
            { type: 'Startup', httpGet: { path: '/health/live', port: siloHttpPort }, periodSeconds: 5, failureThreshold: 24 }
          ]
        }
      ]
      scale: {
        minReplicas: siloMinReplicas
        maxReplicas: siloMaxReplicas
        rules: [{ name: 'cpu', custom: { type: 'cpu', metadata: { type: 'Utilization', value: '70' } } }]
      }
    }
  }
}

resource web 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'ca-web-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  dependsOn: [tableRole, secretsRole, pullRole]
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: webHttpPort
        transport: 'auto'
        allowInsecure: false
        // A SignalR connection negotiates and then connects: both must reach the same replica.
        stickySessions: { affinity: 'sticky' }
      }
      registries: [{ server: registry.properties.loginServer, identity: identity.id }]
      secrets: concat(keyVaultSecrets, [
        { name: 'key-ring-key', keyVaultUrl: keyRingKeySecret.properties.secretUri, identity: identity.id }
      ], empty(operatorPasswordHash) ? [] : [
        { name: 'operator-password-hash', keyVaultUrl: operatorSecret!.properties.secretUri, identity: identity.id }
      ])
    }
    template: {
      terminationGracePeriodSeconds: 30
      containers: [
        {
          name: 'web'
          image: 'mcr.microsoft.com/dotnet/samples:aspnetapp'
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(shared, [
            { name: 'Urls', value: 'http://+:${webHttpPort}' }
            { name: 'Auth__SigningKey', secretRef: 'signing-key' }
            { name: 'DataProtection__KeyEncryptionKey', secretRef: 'key-ring-key' }
            // The ingress terminates TLS in the environment's subnet: its X-Forwarded-* headers are believed, nobody else's.
            { name: 'Web__ForwardedHeaders__KnownNetworks__0', value: network.properties.subnets[0].properties.addressPrefix }
          ], empty(operatorPasswordHash) ? [] : [
            { name: 'Operators__Accounts__operator', secretRef: 'operator-password-hash' }
          ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/health/live', port: webHttpPort }, periodSeconds: 10, failureThreshold: 3 }
            { type: 'Readiness', httpGet: { path: '/health/ready', port: webHttpPort }, periodSeconds: 5, failureThreshold: 2 }
          ]
        }
      ]
      scale: {
        minReplicas: webMinReplicas
        maxReplicas: webMaxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '200' } } }]
      }
    }
  }
}

output registryEndpoint string = registry.properties.loginServer
output keyVaultName string = vault.name
output storageAccountName string = storage.name
output webUrl string = 'https://${web.properties.configuration.ingress.fqdn}'
