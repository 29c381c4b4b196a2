# Queued delivery (delivery = "queued"): webhooks go to a Yandex Message Queue (SQS-compatible) and a timer
# trigger asks the container to flush it every 5 minutes, one Metrica request per output kind per flush.
#
#   sender --> container --> Message Queue (+ dead-letter queue after queue_max_receives receives)
#   timer trigger (*/5) --> POST /queue/flush/<RELAY_SECRET> --> container --> Metrica
#
# Nothing here exists with delivery = "direct" (count = 0).

locals {
  queued = var.delivery == "queued"
  # A timer cannot set headers: it posts to the secret path, as senders without headers do (first secret if several).
  flush_secret = split(",", var.relay_secret)[0]
}

# Creating queues needs ymq.admin; a service account of its own keeps that right away from the container.
resource "yandex_iam_service_account" "queue_admin" {
  count       = local.queued ? 1 : 0
  folder_id   = var.folder_id
  name        = "${var.name}-queue-admin"
  description = "Creates the Message Queues of ${var.name} (used by Terraform only)"
}

resource "yandex_resourcemanager_folder_iam_member" "queue_admin" {
  count     = local.queued ? 1 : 0
  folder_id = var.folder_id
  role      = "ymq.admin"
  member    = "serviceAccount:${yandex_iam_service_account.queue_admin[0].id}"
}

resource "yandex_iam_service_account_static_access_key" "queue_admin" {
  count              = local.queued ? 1 : 0
  service_account_id = yandex_iam_service_account.queue_admin[0].id
  description        = "Terraform creates the Message Queues with this key"
}

resource "yandex_message_queue" "dead_letter" {
  count                     = local.queued ? 1 : 0
  name                      = "${var.name}-queue-dlq"
  message_retention_seconds = 1209600
  access_key                = yandex_iam_service_account_static_access_key.queue_admin[0].access_key
  secret_key                = yandex_iam_service_account_static_access_key.queue_admin[0].secret_key
  depends_on                = [yandex_resourcemanager_folder_iam_member.queue_admin]
}

# Received messages stay hidden 15 minutes: longer than a flush can run (the container's execution timeout).
resource "yandex_message_queue" "relay" {
  count                      = local.queued ? 1 : 0
  name                       = "${var.name}-queue"
  visibility_timeout_seconds = 900
  message_retention_seconds  = 1209600
  redrive_policy             = "{\"deadLetterTargetArn\":\"${yandex_message_queue.dead_letter[0].arn}\",\"maxReceiveCount\":${var.queue_max_receives}}"
  access_key                 = yandex_iam_service_account_static_access_key.queue_admin[0].access_key
  secret_key                 = yandex_iam_service_account_static_access_key.queue_admin[0].secret_key
  depends_on                 = [yandex_resourcemanager_folder_iam_member.queue_admin]
}

# The container reads and writes messages with a static key of its own service account, kept in Lockbox.
resource "yandex_resourcemanager_folder_iam_member" "queue_access" {
  for_each  = local.queued ? toset(["ymq.writer", "ymq.reader"]) : toset([])
  folder_id = var.folder_id
  role      = each.value
  member    = local.sa_member
}

resource "yandex_iam_service_account_static_access_key" "relay" {
  count              = local.queued ? 1 : 0
  service_account_id = yandex_iam_service_account.relay.id
  description        = "SQS-compatible access of ${var.name} to its Message Queue"
}

resource "yandex_lockbox_secret" "queue" {
  count       = local.queued ? 1 : 0
  folder_id   = var.folder_id
  name        = "${var.name}-queue-key"
  description = "Message Queue access key of ${var.name} (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"
}

resource "yandex_lockbox_secret_version" "queue" {
  count     = local.queued ? 1 : 0
  secret_id = yandex_lockbox_secret.queue[0].id
  entries {
    key        = "AWS_ACCESS_KEY_ID"
    text_value = yandex_iam_service_account_static_access_key.relay[0].access_key
  }
  entries {
    key        = "AWS_SECRET_ACCESS_KEY"
    text_value = yandex_iam_service_account_static_access_key.relay[0].secret_key
  }
}

resource "yandex_lockbox_secret_iam_member" "queue_key_viewer" {
  count     = local.queued ? 1 : 0
  secret_id = yandex_lockbox_secret.queue[0].id
  role      = "lockbox.payloadViewer"
  member    = local.sa_member
}

# The timer invokes the container as the service account (it needs the invoker role for that).
resource "yandex_serverless_container_iam_binding" "flush_invoker" {
  count        = local.queued ? 1 : 0
  container_id = yandex_serverless_container.relay.id
  role         = "serverless.containers.invoker"
  members      = [local.sa_member]
}

resource "yandex_function_trigger" "flush" {
  count       = local.queued ? 1 : 0
  folder_id   = var.folder_id
  name        = "${var.name}-flush"
  description = "POST /queue/flush every 5 minutes (queued delivery)"
  timer {
    cron_expression = var.flush_cron
  }
  container {
    id                 = yandex_serverless_container.relay.id
    service_account_id = yandex_iam_service_account.relay.id
    path               = "/queue/flush/${local.flush_secret}"
    retry_attempts     = 1
    retry_interval     = 30
  }
}
