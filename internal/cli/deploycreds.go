package cli

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
)

// credentialEnv is where deploy looks for credentials: the environment and
// the home folder. Tests give their own.
type credentialEnv struct {
	getenv func(string) string
	home   string
}

func osCredentialEnv() credentialEnv {
	home, _ := os.UserHomeDir()
	return credentialEnv{getenv: os.Getenv, home: home}
}

// exists says whether a file is there.
func (e credentialEnv) exists(path string) bool {
	if path == "" {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// file returns the file an environment variable names, or else the default
// in the home folder.
func (e credentialEnv) file(env, def string) string {
	if p := e.getenv(env); p != "" {
		return p
	}
	if e.home == "" {
		return ""
	}
	return filepath.Join(e.home, filepath.FromSlash(def))
}

// checkCredentials says, before anything is built, whether the environment
// holds the credentials a deploy to the bucket at rawURL needs, as the
// cloud's own SDK would find them, and what to set when it does not.
// Without this, an S3 deploy with no credentials fails after the whole
// build, with the SDK's last attempt: an EC2 instance metadata error.
//
// Credentials only a cloud machine has (an instance's role, read from the
// metadata service) cannot be seen from here: on such a machine, name them
// in the shared configuration file (credential_source = Ec2InstanceMetadata
// for AWS) or set the variables.
func checkCredentials(target, rawURL string, e credentialEnv) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("dispatch: deploy: the URL of target %q, %q, is not a URL: %v", target, rawURL, err)
	}
	set := func(name string) bool { return e.getenv(name) != "" }
	need := func(what string) error {
		return fmt.Errorf("dispatch: deploy: target %q (%s) needs %s; see README.md, Publishing. Nothing was built or uploaded",
			target, rawURL, what)
	}
	switch u.Scheme {
	case "s3":
		switch {
		case set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY"):
		case set("AWS_ACCESS_KEY_ID"):
			return need("AWS_SECRET_ACCESS_KEY, the secret of AWS_ACCESS_KEY_ID")
		case set("AWS_SECRET_ACCESS_KEY"):
			return need("AWS_ACCESS_KEY_ID, the key whose secret AWS_SECRET_ACCESS_KEY is")
		case set("AWS_PROFILE") || u.Query().Get("profile") != "":
		case set("AWS_WEB_IDENTITY_TOKEN_FILE") && set("AWS_ROLE_ARN"): // CI with OpenID Connect
		case set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") || set("AWS_CONTAINER_CREDENTIALS_FULL_URI"): // ECS, CodeBuild
		case e.exists(e.file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")):
		case e.exists(e.file("AWS_CONFIG_FILE", ".aws/config")): // SSO, credential_process, an instance's role
		default:
			return need("AWS credentials, and none are set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or a shared credentials file (~/.aws/credentials, or the file AWS_SHARED_CREDENTIALS_FILE names)")
		}
	case "gs":
		if p := e.getenv("GOOGLE_APPLICATION_CREDENTIALS"); p != "" {
			if !e.exists(p) {
				return need(fmt.Sprintf("Google credentials: GOOGLE_APPLICATION_CREDENTIALS names %s, which is not a file", p))
			}
			break
		}
		dir := e.getenv("CLOUDSDK_CONFIG")
		if dir == "" && e.home != "" {
			dir = filepath.Join(e.home, ".config", "gcloud")
			if runtime.GOOS == "windows" {
				dir = filepath.Join(e.getenv("APPDATA"), "gcloud")
			}
		}
		if dir == "" || !e.exists(filepath.Join(dir, "application_default_credentials.json")) {
			return need("Google credentials, and none are set: GOOGLE_APPLICATION_CREDENTIALS with the path of a service account key, or gcloud's default credentials (gcloud auth application-default login)")
		}
	case "azblob":
		account := set("AZURE_STORAGE_ACCOUNT") || u.Query().Get("storage_account") != ""
		switch {
		case set("AZURE_STORAGE_KEY") && !account:
			return need("AZURE_STORAGE_ACCOUNT, the storage account whose key AZURE_STORAGE_KEY is")
		case set("AZURE_STORAGE_KEY"):
		case set("AZURE_STORAGE_SAS_TOKEN") && !account:
			return need("AZURE_STORAGE_ACCOUNT, the storage account of AZURE_STORAGE_SAS_TOKEN")
		case set("AZURE_STORAGE_SAS_TOKEN"):
		case set("AZURE_STORAGE_CONNECTION_STRING") || set("AZURE_STORAGEBLOB_CONNECTIONSTRING"):
		case account && set("AZURE_CLIENT_ID") && set("AZURE_TENANT_ID"): // a service principal
		default:
			return need("Azure credentials, and none are set: AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN, or AZURE_STORAGE_CONNECTION_STRING")
		}
	}
	return nil
}

// folderTarget returns the folder of a file:// target, "" for any other.
func folderTarget(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	return filepath.FromSlash(u.Path)
}
