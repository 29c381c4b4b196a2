# Metrica Relay on Yandex Cloud Serverless Containers.
#
#   webhook sender --HTTPS--> https://<container-id>.containers.yandexcloud.net/hooks/<source>/<RELAY_SECRET>
#                             (public invocation: senders cannot authenticate; the relay secret protects it)
#   container revision: the relay image from Container Registry, METRICA_TOKEN and RELAY_SECRET
#   bound from Lockbox, run as a service account that may only pull images and read that one secret.

locals {
  registry_folder_id = coalesce(var.registry_folder_id, var.folder_id)
  sa_member          = "serviceAccount:${yandex_iam_service_account.relay.id}"
  # What each runtime's image is started with (after its ENTRYPOINT): the native executable takes its heap limit as
  # an argument, half the revision's memory as the JVM image gives itself; the JVM image needs none (JDK_JAVA_OPTIONS).
  start_args = {
    jvm    = []
    native = ["-Xmx${floor(var.memory_mb / 2)}m"]
  }
}

# ---- Identity the container runs as ----

resource "yandex_iam_service_account" "relay" {
  folder_id   = var.folder_id
  name        = "${var.name}-runner"
  description = "Runs the Metrica Relay container: pulls its image and reads its Lockbox secret, nothing else"
}

# Pull the image. Folder level (non-authoritative member), as Container Registry has no per-registry
# member resource; use registry_folder_id when the registry lives in another folder.
resource "yandex_resourcemanager_folder_iam_member" "image_puller" {
  folder_id = local.registry_folder_id
  role      = "container-registry.images.puller"
  member    = local.sa_member
}

# ---- Secrets: Lockbox, values hashed in the Terraform state ----

resource "yandex_lockbox_secret" "relay" {
  folder_id   = var.folder_id
  name        = "${var.name}-secrets"
  description = "METRICA_TOKEN and RELAY_SECRET of ${var.name}"
}

resource "yandex_lockbox_secret_version_hashed" "relay" {
  secret_id    = yandex_lockbox_secret.relay.id
  key_1        = "METRICA_TOKEN"
  text_value_1 = var.metrica_token
  key_2        = "RELAY_SECRET"
  text_value_2 = var.relay_secret
}

# Read the payload of this one secret (needed to bind it to the container's environment).
resource "yandex_lockbox_secret_iam_member" "payload_viewer" {
  secret_id = yandex_lockbox_secret.relay.id
  role      = "lockbox.payloadViewer"
  member    = local.sa_member
}

# ---- The relay ----

resource "yandex_serverless_container" "relay" {
  folder_id     = var.folder_id
  name          = var.name
  description   = "Metrica Relay: webhooks to Yandex Metrica"
  memory        = var.memory_mb
  cores         = var.cores
  core_fraction = var.core_fraction
  concurrency   = var.concurrency
  # a flush (queued delivery) runs up to RELAY_FLUSH_DEADLINE (4 min): the platform must let it
  execution_timeout  = local.queued ? "300s" : var.execution_timeout
  service_account_id = yandex_iam_service_account.relay.id

  image {
    url  = var.image_url
    args = local.start_args[var.runtime]
    # PORT is set by the platform and honoured by the relay; JVM flags and the AOT cache are in the JVM image.
    environment = {
      # The JVM image sizes the JVM from the memory it sees (heap at most half, infra/README.md "Memory"). Tell it the
      # revision's memory outright, in case the sandbox does not show it as a cgroup limit: the launcher adds
      # JDK_JAVA_OPTIONS to the image's own flags (JAVA_TOOL_OPTIONS, which the AOT cache depends on, stays as built).
      # The native executable reads neither.
      JDK_JAVA_OPTIONS   = "-XX:MaxRAM=${var.memory_mb}m"
      METRICA_COUNTER_ID = var.metrica_counter_id
      METRICA_TIMEZONE   = var.metrica_timezone
      RELAY_DEADLINE     = var.relay_deadline
      RELAY_DRY_RUN      = tostring(var.relay_dry_run)
      # queued delivery (queue.tf): Message Queue through its SQS-compatible API; the timer trigger flushes
      RELAY_DELIVERY           = var.delivery
      RELAY_QUEUE              = "sqs"
      RELAY_QUEUE_SQS_URL      = local.queued ? yandex_message_queue.relay[0].id : ""
      # rows Metrica refuses go here with why; GET /queue/dead lists them, POST /replay sends them again
      RELAY_QUEUE_SQS_DEAD_LETTER_URL = local.queued ? yandex_message_queue.dead_letter[0].id : ""
      RELAY_QUEUE_SQS_ENDPOINT = "https://message-queue.api.cloud.yandex.net"
      RELAY_QUEUE_SQS_REGION   = "ru-central1"
      RELAY_FLUSH_INTERVAL     = "0"
      RELAY_FLUSH_MAX_ROWS     = tostring(var.flush_max_rows)
      RELAY_FLUSH_DEADLINE     = "4m"
    }
  }

  # Lockbox entries become environment variables of the revision; a new secret version makes a new revision.
  secrets {
    id                   = yandex_lockbox_secret.relay.id
    version_id           = yandex_lockbox_secret_version_hashed.relay.id
    key                  = "METRICA_TOKEN"
    environment_variable = "METRICA_TOKEN"
  }

  secrets {
    id                   = yandex_lockbox_secret.relay.id
    version_id           = yandex_lockbox_secret_version_hashed.relay.id
    key                  = "RELAY_SECRET"
    environment_variable = "RELAY_SECRET"
  }

  # queued delivery: the Message Queue key from its own Lockbox secret
  dynamic "secrets" {
    for_each = local.queued ? ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] : []
    content {
      id                   = yandex_lockbox_secret.queue[0].id
      version_id           = yandex_lockbox_secret_version.queue[0].id
      key                  = secrets.value
      environment_variable = secrets.value
    }
  }

  dynamic "provision_policy" {
    for_each = var.min_instances > 0 ? [var.min_instances] : []
    content {
      min_instances = provision_policy.value
    }
  }

  # The revision is deployed with the service account's rights: grant them first.
  depends_on = [
    yandex_resourcemanager_folder_iam_member.image_puller,
    yandex_lockbox_secret_iam_member.payload_viewer,
    yandex_lockbox_secret_iam_member.queue_key_viewer,
  ]
}

# Public invocation: amoCRM, Bitrix24, Tilda and call trackers cannot send Yandex IAM tokens.
# The relay answers 401 to anything without the relay secret (path segment or X-Relay-Secret).
resource "yandex_serverless_container_iam_binding" "public_invoke" {
  container_id = yandex_serverless_container.relay.id
  role         = "serverless.containers.invoker"
  members      = ["system:allUsers"]
}
