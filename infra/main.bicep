// Orbitalyntra on Azure Container Apps: the entry point azd provisions (azure.yaml). A resource group per azd environment,
// everything else in infra/resources.bicep. Why it is shaped so: docs/decisions/0030-azure-container-apps.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment name: names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@secure()
@description('Signs the web host\'s bearer tokens: 32 random bytes in base64 (made by infra/hooks/preprovision.sh).')
param signingKey string

@secure()
@description('Derives every tenant\'s key for personal data at rest: 32 random bytes in base64 (made by infra/hooks/preprovision.sh). Losing it loses the data.')
param masterKey string

@secure()
@description('Seals the web hosts\' shared data-protection key ring (session cookies) in Blob storage: 32 random bytes in base64 (made by infra/hooks/preprovision.sh). A new one signs every console out once.')
param keyRingKey string

@secure()
@description('The operator account\'s password hash (ASP.NET Core Identity format) for the dashboard and /metrics; empty: no operator.')
param operatorPasswordHash string = ''

@description('Silo replicas at least (a cluster of one loses its grains on every restart).')
@minValue(2)
param siloMinReplicas int = 2

@description('Silo replicas at most.')
param siloMaxReplicas int = 10

@description('Web host replicas at least.')
@minValue(1)
param webMinReplicas int = 2

@description('Web host replicas at most.')
param webMaxReplicas int = 10

@description('SMTP relay for mail (e.g. smtp.azurecomm.net); empty: mail waits in the outboxes.')
param smtpHost string = ''

@description('The address mail is sent from.')
param mailFrom string = ''

var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: group
  params: {
    location: location
    tags: tags
    token: uniqueString(subscription().id, environmentName, location)
    signingKey: signingKey
    masterKey: masterKey
    keyRingKey: keyRingKey
    operatorPasswordHash: operatorPasswordHash
    siloMinReplicas: siloMinReplicas
    siloMaxReplicas: siloMaxReplicas
    webMinReplicas: webMinReplicas
    webMaxReplicas: webMaxReplicas
    smtpHost: smtpHost
    mailFrom: mailFrom
  }
}

// What azd reads back: the registry it pushes images to, and where the product answers.
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryEndpoint
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output SERVICE_WEB_URL string = resources.outputs.webUrl
