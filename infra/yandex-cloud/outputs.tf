output "container_url" {
  description = "Invoke URL of the container (https://<container-id>.containers.yandexcloud.net/)."
  value       = yandex_serverless_container.relay.url
}

output "webhook_base_url" {
  description = "Append <source>/<RELAY_SECRET> (e.g. amocrm/<RELAY_SECRET>) and paste the result into the sender."
  value       = "${trimsuffix(yandex_serverless_container.relay.url, "/")}/hooks/"
}

output "webhook_url_template" {
  description = "URL shape for senders that cannot set headers (amoCRM, Bitrix24, Tilda, call trackers)."
  value       = "${trimsuffix(yandex_serverless_container.relay.url, "/")}/hooks/<source>/<RELAY_SECRET>"
}

output "health_url" {
  description = "Readiness check."
  value       = "${trimsuffix(yandex_serverless_container.relay.url, "/")}/q/health/ready"
}

output "container_id" {
  description = "Serverless Container id (logs: yc serverless container revision list / yc logging read)."
  value       = yandex_serverless_container.relay.id
}

output "service_account_id" {
  description = "Service account the container runs as."
  value       = yandex_iam_service_account.relay.id
}

output "lockbox_secret_id" {
  description = "Lockbox secret holding METRICA_TOKEN and RELAY_SECRET (README: how to read RELAY_SECRET back)."
  value       = yandex_lockbox_secret.relay.id
}
