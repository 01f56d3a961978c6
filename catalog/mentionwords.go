package catalog

// MentionWords is the vocabulary that decides whether a catalog name found
// in a policy's text declares an SDK: the words that make a sentence or a
// heading speak of SDKs, that negate a clause, and the names that are also
// everyday words or companies.
type MentionWords struct {
	// Cues make a sentence or a list's heading one about SDKs.
	Cues []string `json:"cues"`
	// Negations deny what follows them in a clause: "没有广告或商业统计SDK".
	Negations []string `json:"negations"`
	// Elaborations start a clause that continues the one before it:
	// "does not include tracking code, such as Google Analytics".
	Elaborations []string `json:"elaborations"`
	// CommonNames are catalog names that are also a login method, a
	// payment channel, a company or a word (微信, 支付宝, Google, "share"):
	// on their own they declare nothing.
	CommonNames []string `json:"commonNames"`
	// FeatureWords name what an app does, not who provides it (身份, 验证,
	// 一键, 登录): a catalog name made only of them ("身份验证", "一键登录",
	// "文字识别服务") is an ordinary phrase and as weak as CommonNames.
	FeatureWords []string `json:"featureWords"`
	// WeakCategories are catalog categories whose names are as weak as
	// CommonNames (open-source libraries named like words).
	WeakCategories []string `json:"weakCategories"`
	// PushCues and PushMakers: phone makers listed in a push context
	// ("华为/小米/OPPO/VIVO手机的厂商Push SDK") name the makers' push channels.
	PushCues   []string          `json:"pushCues"`
	PushMakers map[string]string `json:"pushMakers"`
	// FragmentWords mark a phrase ending in "SDK" as a piece of a sentence,
	// not a name: "确保这些SDK", "规则请参见SDK", "all of the data collected by
	// the SDK".
	FragmentWords []string `json:"fragmentWords"`
	// OwnerLeads introduce the library a list of permissions or data
	// belongs to: "Used by `androidx.core`:".
	OwnerLeads []string `json:"ownerLeads"`
	// BrandPrefixes are vendor words policies put in front of an SDK's name
	// ("Google Firebase", "腾讯Bugly"); they belong to the name as written.
	BrandPrefixes []string `json:"brandPrefixes"`
}

// SDKMentionWords returns the embedded vocabulary, data/sdk-mention-words.json
// compiled into generatedMentionWords.
func SDKMentionWords() *MentionWords { return &generatedMentionWords }
