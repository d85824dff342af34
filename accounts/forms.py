"""The admin's forms for a new account and a password reset: both leave a password only the admin
knows, so the user must change it at the next login."""

from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, PasswordChangeForm


class NewAccountForm(AdminUserCreationForm):
    def save(self, commit=True):
        self.instance.must_change_password = True
        return super().save(commit=commit)


class PasswordResetByAdminForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        self.user.must_change_password = True
        return super().save(commit=commit)


class ChinesePasswordChangeForm(PasswordChangeForm):
    """The user's own change, labelled in Chinese whatever language the browser asks for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields["new_password2"].help_text = "与上面的新密码相同，以免输错。"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "原密码不正确，请重新输入。",
            "password_mismatch": "两次输入的新密码不一致。",
        }
