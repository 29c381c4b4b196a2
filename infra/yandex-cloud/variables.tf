# ---- Where ----

variable "cloud_id" {
  description = "Cloud id. Null: taken from YC_CLOUD_ID."
  type        = string
  default     = null
}

variable "folder_id" {
  description = "Folder that gets the container, its service account and the Lockbox secret."
  type        = string
}

variable "name" {
  description = "Name of the container; also the prefix of the service account and secret names."
  type        = string
  default     = "metrica-relay"

  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{1,40}[a-z0-9]$", var.name))
    error_message = "Lower-case letters, digits and hyphens, 3-42 characters, starting with a letter."
  }
}

# ---- What runs ----

variable "image_url" {
  description = "The relay image in Container Registry, e.g. cr.yandex/<registry-id>/metrica-relay:<tag>. Use a new tag per build: re-pushing the same tag does not redeploy."
  type        = string

  validation {
    condition     = startswith(var.image_url, "cr.yandex/")
    error_message = "Push the image to Yandex Container Registry (cr.yandex/<registry-id>/...), see README."
  }
}

variable "runtime" {
  description = "What image_url holds: jvm (the default image of infra/docker/Dockerfile) or native (its --target native image, built from ./mvnw package -Pnative). Native gets its heap limit as an argument, the JVM from JDK_JAVA_OPTIONS."
  type        = string
  default     = "jvm"

  validation {
    condition     = contains(["jvm", "native"], var.runtime)
    error_message = "jvm or native."
  }
}

variable "registry_folder_id" {
  description = "Folder of the Container Registry, when it is not var.folder_id. The service account may pull images there."
  type        = string
  default     = null
}

# ---- Relay settings (docs/architecture.md#configuration) ----

variable "metrica_counter_id" {
  description = "Yandex Metrica counter id (digits)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+$", var.metrica_counter_id))
    error_message = "The counter id is digits only."
  }
}

variable "metrica_timezone" {
  description = "The counter's time zone (CRM dates are local times in it)."
  type        = string
  default     = "Europe/Moscow"
}

variable "relay_deadline" {
  description = "Time budget per webhook; after it the sender gets 503 and retries. Keep it below execution_timeout and below what senders wait (Tilda: 5 s)."
  type        = string
  default     = "4s"

  validation {
    condition     = can(regex("^[0-9]+(ms|s)$", var.relay_deadline))
    error_message = "A duration such as 4s or 3500ms."
  }
}

variable "relay_dry_run" {
  description = "true: answer what would be sent to Metrica and send nothing."
  type        = bool
  default     = false
}

# ---- Queued delivery (queue.tf, docs/architecture.md#queued-delivery) ----

variable "delivery" {
  description = "direct: every webhook calls Metrica. queued: webhooks go to a Message Queue and a timer trigger flushes it in batches (past Metrica's 5,000 requests a day)."
  type        = string
  default     = "direct"

  validation {
    condition     = contains(["direct", "queued"], var.delivery)
    error_message = "direct or queued."
  }
}

variable "flush_cron" {
  description = "When the timer trigger flushes the queue (Yandex Cloud cron, UTC). Every 5 minutes: at most 288 flushes a day."
  type        = string
  default     = "*/5 * ? * * *"
}

variable "flush_max_rows" {
  description = "Rows one flush takes from the queue (RELAY_FLUSH_MAX_ROWS)."
  type        = number
  default     = 50000
}

variable "queue_max_receives" {
  description = "Receives after which the redrive policy moves a message to the dead-letter queue. The relay moves rows Metrica refuses there itself; this is the backstop, and each flush during an outage receives every message once: at 5-minute flushes, 1000 (the most SQS allows) ride out about 3.5 days."
  type        = number
  default     = 1000
}

# ---- Secrets: stored in Lockbox, hashed in the Terraform state ----

variable "metrica_token" {
  description = "Metrica OAuth token (metrika:write or metrika:offline_data). Pass it as TF_VAR_metrica_token, not in a file."
  type        = string
  sensitive   = true
  nullable    = false

  validation {
    condition     = length(var.metrica_token) > 0
    error_message = "Set TF_VAR_metrica_token (for a trial without a token use relay_dry_run = true with any placeholder)."
  }
}

variable "relay_secret" {
  description = "Inbound shared secret; it goes into every webhook URL. Several comma-separated values are all valid (rotation). Generate with: openssl rand -hex 24"
  type        = string
  sensitive   = true
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9._~-]{16,}(,[A-Za-z0-9._~-]{16,})*$", var.relay_secret))
    error_message = "At least 16 URL-safe characters (letters, digits, . _ ~ -) per secret, comma-separated if several."
  }
}

# ---- Sizing: a webhook relay is I/O-bound and small ----

variable "memory_mb" {
  description = "Container memory in MB (multiple of 128); the JVM takes at most half as heap. 128 fits the relay at 200 webhooks/s with little to spare (docs/performance.md, \"128 MiB\"); 256 leaves room for bursts and queued delivery's SQS client."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb % 128 == 0
    error_message = "At least 128, a multiple of 128."
  }
}

variable "cores" {
  description = "vCPUs per instance."
  type        = number
  default     = 1
}

variable "core_fraction" {
  description = "Guaranteed CPU share in percent. 100: the JVM starts fastest on a full core."
  type        = number
  default     = 100
}

variable "concurrency" {
  description = "Webhooks one instance serves at once. All Metrica calls of an instance share a bulkhead of 3 (Metrica's per-user limit), so packing requests into few instances is kinder to that limit."
  type        = number
  default     = 8

  validation {
    condition     = var.concurrency >= 1 && var.concurrency <= 16
    error_message = "Between 1 and 16."
  }
}

variable "execution_timeout" {
  description = "Per-request limit set by the platform: the relay deadline (4 s) plus headroom for a cold start."
  type        = string
  default     = "10s"
}

variable "min_instances" {
  description = "Instances kept warm (billed while idle). 0: the first webhook after a quiet spell waits for a cold start, about 1 s with the JVM image's AOT cache, less with runtime = \"native\" (docs/performance.md)."
  type        = number
  default     = 0
}
