package declared

import (
	"slices"
	"strings"
	"testing"
)

// TestPermissionShapes checks each way a policy states, or seems to state
// without stating, a permission: one small paraphrased text per shape, and
// the set of constants the policy is read as explaining.
func TestPermissionShapes(t *testing.T) {
	cases := []struct {
		name, file, text string
		want             []string // short constants (android.permission. left out), sorted
	}{
		// Android's own names, whole or cut down.
		{"AOSP label in a list", "p.txt", "本应用可能使用以下权限：\n1. 防止手机休眠：下载时保持运行\n2. 修改联系人：保存名片\n3. 请求忽略电池优化：按时提醒\n",
			[]string{"REQUEST_IGNORE_BATTERY_OPTIMIZATIONS", "WAKE_LOCK", "WRITE_CONTACTS"}},
		{"AOSP label without its possessive", "p.txt", "为保存您拍摄的名片，我们会修改通讯录中的条目。\n", []string{"WRITE_CONTACTS"}},
		{"Traditional AOSP label", "p.txt", "應用程式會讀取聯絡人，以便您邀請好友。\n", []string{"READ_CONTACTS"}},
		{"AOSP description clause", "p.txt", "本应用会阻止手机进入休眠状态，以免播放中断。\n", []string{"WAKE_LOCK"}},
		{"short label only in a permission context", "p.txt", "在会议中您可以录音并分享。\n", nil},
		{"short label in a permission list", "p.md", "我们需要获取您设备的以下权限：\n* 录音\n* 手机振动\n* 开机启动\n",
			[]string{"RECEIVE_BOOT_COMPLETED", "RECORD_AUDIO", "VIBRATE"}},

		// Words used for data handling are no permission.
		{"storage as a verb", "p.txt", "未经允许，您不得收集、储存或删除他人个人信息。\n", nil},
		{"notify as a verb", "p.txt", "如需注销，请通知我们删除您的账号；我们也会通知从我们获得信息的实体。\n", nil},
		{"a notice about trades", "p.txt", "我们会在交易完成后向您发送交易通知，您可以授权我们保存订单。\n", nil},
		{"a list of Android's names names permissions throughout", "p.txt", "收集个人信息类型：获取WiFi状态、读取电话状态、网络访问、设备型号\n",
			[]string{"ACCESS_WIFI_STATE", "INTERNET", "READ_PHONE_STATE"}},
		{"a data item is no permission", "p.txt", "收集个人信息类型：设备型号、粗略位置、读取日志信息\n", nil},
		{"negated request", "p.txt", "我们不会申请您的位置权限。如果您禁用了相机权限，扫码将不可用。\n", nil},
		{"negated in English", "p.md", "The app does not require the location permission and never requests access to your contacts.\n", nil},
		{"notification permission named with 相关", "p.txt", "请开启通知相关权限，以便接收到站提醒。\n", []string{"POST_NOTIFICATIONS"}},
		{"how to turn it off", "p.txt", "您可以在系统设置中关闭通知权限。\n", nil},

		// Permissions stated without 权限.
		{"label lines under a permissions heading", "p.txt", "3. 权限如何使用\n电话、联系人、通话记录：用于拨号、展示联系人和自动接听。\n通知、悬浮窗、后台运行和开机启动：用于显示来电。\n文件访问：用于导出诊断文件。\n无障碍服务：仅用于自动点击。\n4. 联网服务\n电话：400-000-0000\n",
			[]string{"ANSWER_PHONE_CALLS", "BIND_ACCESSIBILITY_SERVICE", "CALL_PHONE", "FOREGROUND_SERVICE", "MANAGE_EXTERNAL_STORAGE", "POST_NOTIFICATIONS", "READ_CALL_LOG", "READ_CONTACTS", "READ_EXTERNAL_STORAGE", "READ_PHONE_STATE", "RECEIVE_BOOT_COMPLETED", "SYSTEM_ALERT_WINDOW", "WRITE_EXTERNAL_STORAGE"}},
		{"a phone number outside a permissions section", "p.txt", "联系我们\n电话：400-000-0000\n", nil},
		// A bracketed platform marker inside a numbered item holds for that
		// item only: the next item's permissions are Android's again.
		{"a permission list without 权限 after an intro and a platform marker", "p.txt", "第三方SDK清单：\n1）SDK名称：某广告SDK\n所需权限：\n[Android]\n访问互联网、网络状态\n[iOS]\n网络权限\n",
			[]string{"ACCESS_NETWORK_STATE", "INTERNET"}},
		{"a list of removed permissions", "p.md", "Permissions:\n- Camera: to scan QR codes.\n\nRemoved permissions (v2.1.3):\n- ACCESS_FINE_LOCATION\n- READ_CONTACTS\n",
			[]string{"CAMERA"}},
		{"an iOS marker inside one item", "p.txt", "第三方SDK清单：\n1）SDK名称：某推送SDK\n权限：\n[iOS]\n相册权限\n2）SDK名称：某地图SDK\n所需权限：相机权限\n",
			[]string{"CAMERA"}},
		{"unnumbered HTML headings", "p.html", "<h2>权限说明</h2><p>相机：扫描二维码</p><p>通知、悬浮窗：提醒到站</p><h2>联系我们</h2><p>电话：400-000-0000</p><p>地址：北京市</p>",
			[]string{"CAMERA", "POST_NOTIFICATIONS", "SYSTEM_ALERT_WINDOW"}},
		{"bold labels under an English heading", "p.md", "## Permission Rationale\n**Camera, Microphone**\n- to record videos\n\n**Location**\n- to tag recordings\n",
			[]string{"ACCESS_COARSE_LOCATION", "ACCESS_FINE_LOCATION", "CAMERA", "RECORD_AUDIO"}},
		{"words in brackets after 权限", "p.txt", "上传时我们会向您申请相关权限（包括但不限于相机、麦克风、存储卡等）。\n",
			[]string{"CAMERA", "READ_EXTERNAL_STORAGE", "RECORD_AUDIO", "WRITE_EXTERNAL_STORAGE"}},
		{"special permissions named in Chinese", "p.txt", "1、全屏通知权限：来电时亮屏提醒\n2、通知使用权：读取取件码\n3、所有文件访问权限：管理下载\n",
			[]string{"BIND_NOTIFICATION_LISTENER_SERVICE", "MANAGE_EXTERNAL_STORAGE", "READ_EXTERNAL_STORAGE", "USE_FULL_SCREEN_INTENT", "WRITE_EXTERNAL_STORAGE"}},
		{"the verb's object, not a word far after it", "p.txt", "您可以开启您的相机、麦克风，并在稍后使用语音播报天气的功能。\n", []string{"CAMERA", "RECORD_AUDIO"}},
		{"a list after the verb, then its purpose", "p.txt", "推送服务需要允许程序访问您的网络状态、读取设备外部存储空间、访问电话状态以提供消息通知的服务。\n",
			[]string{"ACCESS_NETWORK_STATE", "READ_EXTERNAL_STORAGE", "READ_PHONE_STATE", "WRITE_EXTERNAL_STORAGE"}},
		{"shortcut and cellular network rows", "p.md", "权限名称 | 用途\n--- | ---\n创建桌面快捷方式 | 添加图标\n访问蜂窝移动网 | 与服务器通信\n",
			[]string{"ACCESS_NETWORK_STATE", "INTERNET", "com.android.launcher.permission.INSTALL_SHORTCUT"}},

		// Markdown emphasis and aliases inside the term.
		{"emphasis around the word before 权限", "p.md", "为了保存缓存文件，本应用需要使用您的_存储卡_权限，并会调用**摄像头**权限扫码。\n",
			[]string{"CAMERA", "READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE"}},
		{"emphasised words in a list sharing 权限", "p.md", "我们会请求**麦克风**、**通讯录**权限，用于语音和找好友。\n", []string{"READ_CONTACTS", "RECORD_AUDIO"}},
		{"an alias in brackets names the permission", "p.md", "为确认账号安全，我们会申请您的_通信（电话）_权限，并读取设备标识。\n", []string{"READ_PHONE_STATE"}},
		{"a gloss in brackets adds nothing", "p.txt", "上传头像需要您的照片（存储）权限。\n", []string{"READ_EXTERNAL_STORAGE", "READ_MEDIA_IMAGES"}},
		{"call state and identifiers, older wording", "p.txt", "C.获取手机通话状态和识别码（IMEI、IMSI），用于保障账号安全\n", []string{"READ_PHONE_STATE"}},

		// Generic words narrowed by their purpose.
		{"SMS only to read a code", "p.md", "3. 我们会在以下场景使用您的短信权限：\n- 登录时读取验证码并自动填写\n", []string{"READ_SMS", "RECEIVE_SMS"}},
		{"SMS to send as well", "p.txt", "短信权限：用于自动填写验证码及向好友发送邀请短信。\n", []string{"READ_SMS", "RECEIVE_SMS", "SEND_SMS"}},

		// What the app does with a guarded record states the permission.
		{"the app reads and changes the calendar", "p.txt", "为同步行程，我们会读取并修改您的日历事件。\n", []string{"READ_CALENDAR", "WRITE_CALENDAR"}},
		{"the app uploads the address book", "p.txt", "为方便您找到好友，本应用会上传您的通讯录至服务器进行匹配。\n", []string{"READ_CONTACTS"}},
		{"the app reads the call log, in English", "p.md", "We read your call log to block spam callers.\n", []string{"READ_CALL_LOG"}},
		{"the user edits the calendar", "p.txt", "您可以编辑日历中的提醒，我们会按时提醒。\n", nil},
		{"the app does not read the address book", "p.txt", "我们不会读取您的通讯录。\n", nil},
		{"a record without a verb", "p.txt", "我们会为您提供日历提醒服务。\n", nil},
		{"a verb far from the record", "p.txt", "我们会读取您在使用过程中设置的日历提醒。\n", nil},

		// Constants.
		{"constants of other namespaces", "p.md", "- com.google.android.gms.permission.AD_ID\n- com.android.launcher.permission.INSTALL_SHORTCUT\n- com.example.reader.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION\n",
			[]string{"com.android.launcher.permission.INSTALL_SHORTCUT", "com.example.reader.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION", "com.google.android.gms.permission.AD_ID"}},
		{"constants without a prefix, one-word ones as labels", "p.md", "* INSTALL_SHORTCUT：创建桌面快捷方式\n* INTERNET：访问服务器\n* ACCESS_WIFI_STATE：获取WiFi状态\nThe INTERNET is vast.\n",
			[]string{"ACCESS_WIFI_STATE", "INTERNET", "com.android.launcher.permission.INSTALL_SHORTCUT"}},
		{"escaped manifest XML: the constant wins over the words", "p.txt", "1. 允许程序读取通话记录 &lt;uses-permission android:name=\"android.permission.READ_CONTACTS\"/&gt; 统计\n",
			[]string{"READ_CONTACTS"}},
		{"a constant cut short, an invented one", "p.md", "- android.permission.ACCESS_NETWORK_STAT\n- 读取剪贴板 android.permission.READ_CLIPBOARD\n",
			[]string{"ACCESS_NETWORK_STATE"}},

		// Other platforms.
		{"a section for iOS, then one for Android", "p.txt", "iOS 权限说明\n相机权限：扫描二维码\n定位权限：推荐附近门店\nAndroid 权限说明\n相机权限：扫描二维码\n",
			[]string{"CAMERA"}},
		{"a statement marked iOS is no title", "p.txt", "相册权限(iOS系统)以上传照片。\n麦克风权限，用于语音输入。\n", []string{"RECORD_AUDIO"}},
		{"iOS keys in a permission table", "p.md", "权限名称 | 使用目的\n--- | ---\n照片权限 NSPhotoLibraryUsageDescription | 保存图片\n相机权限 android.permission.CAMERA | 扫码\n",
			[]string{"CAMERA"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Extract([]byte(c.text), c.file)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, st := range p.Permissions {
				for _, x := range st.Permissions {
					got = append(got, strings.TrimPrefix(x, "android.permission."))
				}
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("permissions %q, want %q\nstatements: %+v", got, c.want, p.Permissions)
			}
		})
	}
}

// TestPermissionDataTypes checks that an explained permission discloses its
// data, and that a word of the same data outside any statement does not
// count twice or wrongly.
func TestPermissionDataTypes(t *testing.T) {
	cases := []struct {
		text string
		want string // a data type, or "-" + one that must be absent
	}{
		{"3. 权限说明\n联系人：用于展示常用联系人\n", "contacts"},
		{"3. 权限说明\n通话记录：用于识别来电\n", "call-log"},
		{"我们不会申请您的通讯录权限。\n", "-contacts"},
	}
	for _, c := range cases {
		p, err := Extract([]byte(c.text), "p.txt")
		if err != nil {
			t.Fatal(err)
		}
		want, absent := strings.CutPrefix(c.want, "-")
		if slices.Contains(p.DataTypes, want) == absent {
			t.Errorf("%q: data types %v, want %s", c.text, p.DataTypes, c.want)
		}
	}
}

// permissionHeavyUnits are the permission shapes repeated into one long line
// or many lines, to keep the reader linear on them.
var permissionHeavyUnits = []string{"开启您的相机、", "INTERNET:", "android.permission.CAMERA ", "电话、联系人:", "权限(相机、", "com.a.b.permission.X_Y ", "* 录音\n", "防止手机休眠,"}

// BenchmarkExtractPermissions reads 1 MB of each shape; compare MB/s with
// BenchmarkExtract's real policies to see a shape that costs more than its
// length.
func BenchmarkExtractPermissions(b *testing.B) {
	for _, unit := range permissionHeavyUnits {
		data := []byte("3. 权限说明\n需要以下权限:\n" + strings.Repeat(unit, (1<<20)/len(unit)))
		b.Run(strings.TrimSpace(unit), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Extract(data, "p.txt"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
