terraform {
  required_version = ">= 1.5.0"

  required_providers {
    yandex = {
      source = "yandex-cloud/yandex"
      # yandex_lockbox_secret_version_hashed needs 0.120+. Not run here (no provider download on our
      # machines): commit the .terraform.lock.hcl your first `terraform init` writes to pin what you used.
      version = ">= 0.129.0, < 1.0.0"
    }
  }
}

# Credentials come from the environment (README): YC_TOKEN (or YC_SERVICE_ACCOUNT_KEY_FILE) and YC_CLOUD_ID.
provider "yandex" {
  cloud_id  = var.cloud_id
  folder_id = var.folder_id
}
