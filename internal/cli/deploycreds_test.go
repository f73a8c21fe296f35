package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCredentials: each way each cloud's SDK finds credentials is
// accepted, and a missing one is named.
func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	file := func(rel string) string {
		p := filepath.Join(home, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	awsCreds := file("aws/credentials")
	awsConfig := file("aws/config")
	gcpKey := file("key.json")
	gcloud := filepath.Dir(file("gcloud/application_default_credentials.json"))
	emptyHome := t.TempDir()

	for _, tc := range []struct {
		url  string
		env  map[string]string
		home string
		want string // "" when accepted, else part of the error
	}{
		{"s3://b?region=r", nil, emptyHome, "needs AWS credentials, and none are set"},
		{"s3://b", map[string]string{"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}, emptyHome, ""},
		{"s3://b", map[string]string{"AWS_ACCESS_KEY_ID": "k"}, emptyHome, "needs AWS_SECRET_ACCESS_KEY"},
		{"s3://b", map[string]string{"AWS_SECRET_ACCESS_KEY": "s"}, emptyHome, "needs AWS_ACCESS_KEY_ID"},
		{"s3://b", map[string]string{"AWS_PROFILE": "newsroom"}, emptyHome, ""},
		{"s3://b?profile=newsroom", nil, emptyHome, ""},
		{"s3://b", map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn"}, emptyHome, ""},
		{"s3://b", map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c"}, emptyHome, ""},
		{"s3://b", map[string]string{"AWS_SHARED_CREDENTIALS_FILE": awsCreds}, emptyHome, ""},
		{"s3://b", map[string]string{"AWS_SHARED_CREDENTIALS_FILE": awsCreds + ".none"}, emptyHome, "needs AWS credentials"},
		{"s3://b", map[string]string{"AWS_CONFIG_FILE": awsConfig}, emptyHome, ""},
		{"s3://b", nil, filepath.Dir(filepath.Dir(file(".aws/credentials"))), ""},

		{"gs://b", nil, emptyHome, "needs Google credentials, and none are set"},
		{"gs://b", map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": gcpKey}, emptyHome, ""},
		{"gs://b", map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": gcpKey + ".none"}, emptyHome, "which is not a file"},
		{"gs://b", map[string]string{"CLOUDSDK_CONFIG": gcloud}, emptyHome, ""},
		{"gs://b", nil, filepath.Dir(filepath.Dir(filepath.Dir(file(".config/gcloud/application_default_credentials.json")))), ""},

		{"azblob://$web", nil, emptyHome, "needs Azure credentials, and none are set"},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_ACCOUNT": "a", "AZURE_STORAGE_KEY": "k"}, emptyHome, ""},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_KEY": "k"}, emptyHome, "needs AZURE_STORAGE_ACCOUNT"},
		{"azblob://$web?storage_account=a", map[string]string{"AZURE_STORAGE_KEY": "k"}, emptyHome, ""},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_ACCOUNT": "a", "AZURE_STORAGE_SAS_TOKEN": "t"}, emptyHome, ""},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_SAS_TOKEN": "t"}, emptyHome, "needs AZURE_STORAGE_ACCOUNT"},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_CONNECTION_STRING": "c"}, emptyHome, ""},
		{"azblob://$web", map[string]string{"AZURE_STORAGE_ACCOUNT": "a"}, emptyHome, "needs Azure credentials"},

		{"file:///srv/dispatch-staging", nil, emptyHome, ""},
		{"mem://", nil, emptyHome, ""},
	} {
		env := credentialEnv{getenv: func(k string) string { return tc.env[k] }, home: tc.home}
		err := checkCredentials("t", tc.url, env)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s %v: %v, want no error", tc.url, tc.env, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s %v: %v, want an error with %q", tc.url, tc.env, err, tc.want)
		}
	}
}

func TestFolderTarget(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]string{
		"file:///srv/dispatch-staging": filepath.FromSlash("/srv/dispatch-staging"),
		"s3://bucket":                  "",
		"%":                            "",
	} {
		if got := folderTarget(url); got != want {
			t.Errorf("folderTarget(%q) = %q, want %q", url, got, want)
		}
	}
}
